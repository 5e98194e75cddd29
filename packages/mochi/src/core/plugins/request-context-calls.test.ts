import { describe, expect, it } from 'vitest';
import { exportsThatCall, findRequestContextCall, importsOf, usesOutsideHydratable } from './request-context-calls.js';

describe('findRequestContextCall', () => {
	it('finds the first call of the imported function, in a component or a module', () => {
		const svelte = "<script lang=\"ts\">\n\timport { getRequestContext } from 'mochi-framework';\n\tlet n = $state(0);\n\tconst user = getRequestContext().locals.user;\n</script>\n";
		expect(findRequestContextCall(svelte)).toEqual({ line: 4, column: 15 });
		const module = "import { error, getRequestContext } from \"mochi-framework\";\nexport const who = () => getRequestContext().url;\n";
		expect(findRequestContextCall(module)).toEqual({ line: 2, column: 26 });
	});

	it('follows an alias and a namespace import', () => {
		expect(findRequestContextCall("import { getRequestContext as ctx } from 'mochi-framework';\n\nctx ();\n")).toEqual({ line: 3, column: 1 });
		expect(findRequestContextCall("import * as mochi from 'mochi-framework';\nconst a = 1;\nmochi.getRequestContext();\n")).toEqual({ line: 3, column: 1 });
		expect(findRequestContextCall("import x, { getRequestContext } from 'mochi-framework';\ngetRequestContext()")).toEqual({ line: 2, column: 1 });
	});

	it("leaves calls inside hydratable()'s function alone: the browser gets the value and never calls it", () => {
		const cart = [
			'<script lang="ts">',
			"\timport { hydratable } from 'svelte';",
			"\timport { getRequestContext } from 'mochi-framework';",
			"\tconst items = hydratable('cart', () => (getRequestContext().cookies.get('cart') ?? '').split(','));",
			"\tconst more = hydratable('more', () => { const c = getRequestContext(); return String(c.url); });",
			'</script>',
			''
		].join('\n');
		expect(findRequestContextCall(cart)).toBeNull();
		// One call outside it is still reported, at that call.
		expect(findRequestContextCall(`${cart}<p>{getRequestContext().url}</p>\n`)).toEqual({ line: 7, column: 5 });
		// A look-alike name is not hydratable.
		expect(findRequestContextCall("import { getRequestContext } from 'mochi-framework';\nmyhydratable(() => getRequestContext());\n")).toEqual({ line: 2, column: 20 });
	});

	it('points at the import when the function is only passed around', () => {
		expect(findRequestContextCall("import { getRequestContext } from 'mochi-framework';\nexport const read = getRequestContext;\n")).toEqual({ line: 1, column: 1 });
	});

	it('ignores type-only imports, other packages, other names, and look-alike calls', () => {
		expect(findRequestContextCall("import type { RequestContext } from 'mochi-framework';\nlet c: RequestContext;\n")).toBeNull();
		expect(findRequestContextCall("import type { getRequestContext } from 'mochi-framework';\n")).toBeNull();
		expect(findRequestContextCall("import { getRequestContext } from './my-context';\ngetRequestContext();\n")).toBeNull();
		expect(findRequestContextCall("import { getRequestContext } from 'mochi-framework-extra';\ngetRequestContext();\n")).toBeNull();
		expect(findRequestContextCall("import { error } from 'mochi-framework';\nconst getRequestContext = () => 1;\ngetRequestContext();\n")).toBeNull();
		// A method of the same name on something else is not the import.
		expect(findRequestContextCall("import { getRequestContext } from 'mochi-framework';\nother.getRequestContext();\nmygetRequestContext();\n")).toEqual({ line: 1, column: 1 });
	});
});

describe('importsOf', () => {
	it('lists each import with its bindings, leaving type-only ones out', () => {
		const code = "import a, { b, c as d, type T } from './x.js';\nimport * as ns from \"./y\";\nimport type { U } from './z';\nimport './side.css';\n";
		expect(importsOf(code)).toEqual([
			{ specifier: './x.js', bindings: [{ imported: 'default', local: 'a' }, { imported: 'b', local: 'b' }, { imported: 'c', local: 'd' }] },
			{ specifier: './y', bindings: [{ imported: '*', local: 'ns.' }] }
		]);
	});
});

describe('usesOutsideHydratable', () => {
	const code = "import { cartItems, other } from './visitor.js';\nimport * as v from './visitor.js';\nlet items = $state(hydratable('cart', () => cartItems()));\n";
	it('is false when every use is inside hydratable()', () => {
		expect(usesOutsideHydratable(code, ['cartItems'])).toBe(false);
		expect(usesOutsideHydratable(code, ['other'])).toBe(false);
	});
	it('is true for a use anywhere else: a call, a handler, a value passed on', () => {
		expect(usesOutsideHydratable(`${code}const now = cartItems();\n`, ['cartItems'])).toBe(true);
		expect(usesOutsideHydratable(`${code}button.onclick = () => other();\n`, ['other'])).toBe(true);
		expect(usesOutsideHydratable(`${code}export { cartItems };\n`, ['cartItems'])).toBe(true);
		expect(usesOutsideHydratable(`${code}v.cartItems();\n`, ['v.'])).toBe(true);
		// Look-alikes are not uses.
		expect(usesOutsideHydratable(`${code}const cartItemsCount = obj.cartItems;\n`, ['cartItems'])).toBe(false);
	});
});

describe('exportsThatCall', () => {
	const head = "import { getRequestContext } from 'mochi-framework';\n";
	it('names the exported declarations that call it', () => {
		const code = `${head}export function currentUser() {\n\treturn getRequestContext().cookies.get('u');\n}\nexport const shout = (t) => t.toUpperCase();\nexport const url = () => getRequestContext().url;\n`;
		expect(exportsThatCall(code)).toEqual(new Set(['currentUser', 'url']));
		expect(exportsThatCall('export const x = 1;\n')).toEqual(new Set());
	});
	it("can't tell for a helper, an export list, a default export or a top-level use", () => {
		expect(exportsThatCall(`${head}function read() {\n\treturn getRequestContext();\n}\nexport const user = () => read();\n`)).toBeNull();
		expect(exportsThatCall(`${head}const read = () => getRequestContext();\nexport { read };\n`)).toBeNull();
		expect(exportsThatCall(`${head}export default function Greeting() {\n\tgetRequestContext();\n}\n`)).toBeNull();
		expect(exportsThatCall(`${head}export const read = getRequestContext;\n`)).toBeNull();
	});
});
