import { describe, expect, it } from 'vitest';
import { stripTypes, svelteToJavaScript } from './to-javascript.js';

describe('stripTypes', () => {
	it('removes types and type-only imports, and keeps blank lines, comments, quotes and tabs', () => {
		const source = [
			"import type { RequestContext } from 'mochi-framework';",
			"import { type Cookies, getRequestContext } from 'mochi-framework';",
			'',
			'export interface Item {',
			'\tname: string;',
			'}',
			'',
			'/** Why it exists. */',
			'export function names(items: Item[], ctx?: RequestContext): string[] {',
			"\treturn items.map((item) => item.name as string)!;",
			'}',
			''
		].join('\n');
		expect(stripTypes(source)).toBe(
			[
				"import { getRequestContext } from 'mochi-framework';",
				'',
				'/** Why it exists. */',
				'export function names(items, ctx) {',
				'\treturn items.map((item) => item.name);',
				'}',
				''
			].join('\n')
		);
	});

	it('keeps `} else {` together', () => {
		expect(stripTypes('if (a) {\n\tb();\n} else {\n\tc();\n}\n')).toBe('if (a) {\n\tb();\n} else {\n\tc();\n}\n');
	});
});

describe('svelteToJavaScript', () => {
	it('strips the types of every TypeScript script, keeps imports used only in the markup, drops lang="ts"', () => {
		const source = [
			'<script module lang="ts">',
			'\texport const prerender: boolean = true;',
			'</script>',
			'',
			'<script lang="ts">',
			"\timport type { Snippet } from 'svelte';",
			"\timport Counter from './Counter.svelte';",
			'',
			'\tlet { children }: { children: Snippet } = $props();',
			'</script>',
			'',
			'<Counter mochi:hydrate />',
			'{@render children()}',
			''
		].join('\n');
		expect(svelteToJavaScript(source)).toBe(
			[
				'<script module>',
				'\texport const prerender = true;',
				'</script>',
				'',
				'<script>',
				"\timport Counter from './Counter.svelte';",
				'',
				'\tlet { children } = $props();',
				'</script>',
				'',
				'<Counter mochi:hydrate />',
				'{@render children()}',
				''
			].join('\n')
		);
	});

	it('leaves JavaScript scripts alone', () => {
		const source = '<script>\n\tlet count = $state(0);\n</script>\n';
		expect(svelteToJavaScript(source)).toBe(source);
	});
});
