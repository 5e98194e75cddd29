import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { preprocessIslands } from '../../preprocess/index.js';
import { createDiagnosticMapper, fromPreprocessError, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import type { Mirror } from './mirror.js';
import type { RawDiagnostic } from './run-svelte-check.js';
import { checkedSvelte } from './svelte-file.js';

const root = path.resolve('/app');
const dir = path.join(root, '.mochi', 'check');
const page = path.join('src', 'routes', 'index.svelte');
const original = [
	'<script lang="ts">',
	"\timport Avatar from '$lib/Avatar.svelte';",
	'</script>',
	'<Avatar mochi:defer user={1}>Loading</Avatar>',
	'<Avatar mochi:defr user="a">Loading</Avatar>'
].join('\n');
const file = checkedSvelte(original, path.join(root, page), root);
const mirror: Mirror = { dir, svelte: new Map([[page, file]]), tsconfig: '', svelteConfig: '' };
const map = createDiagnosticMapper(mirror, root);

function raw(filename: string, generatedOffset: number, extra: Partial<RawDiagnostic> = {}): RawDiagnostic {
	const before = file.generated.slice(0, generatedOffset).split('\n');
	const start = { line: before.length - 1, character: before[before.length - 1].length };
	return { type: 'ERROR', filename, start, end: start, message: 'm', source: 'ts', code: 2322, ...extra };
}

describe('createDiagnosticMapper', () => {
	it("names the app's file and its line for a diagnostic in the mirror", () => {
		const at = file.generated.indexOf('user: 1');
		const mapped = map({ ...raw('src/routes/index.svelte', at), end: raw('', at + 4).start });
		expect(mapped).toMatchObject({ file: path.join(root, page), line: 4, column: 21, severity: 'error', source: 'ts', code: 2322 });
	});

	it('takes absolute paths in the mirror too', () => {
		expect(map(raw(path.join(dir, page), 0))).toMatchObject({ file: path.join(root, page), line: 1, column: 1 });
	});

	it('maps other files in the mirror (copied as they are) by path alone', () => {
		const start = { line: 2, character: 6 };
		const mapped = map({ type: 'WARNING', filename: 'src/lib/a.ts', start, end: start, message: 'w' });
		expect(mapped).toEqual({ severity: 'warning', file: path.join(root, 'src/lib/a.ts'), line: 3, column: 7, message: 'w', source: 'js', code: undefined });
	});

	it('names app files, not mirror files, in messages', () => {
		const message = `'${path.join(dir, 'src/lib/A.svelte')}' implicitly has an 'any' type.`;
		expect(map(raw('src/lib/a.ts', 0, { message }))?.message).toBe(`'${path.join(root, 'src/lib/A.svelte')}' implicitly has an 'any' type.`);
	});

	it('keeps a path outside the mirror as it is', () => {
		const outside = path.resolve('/elsewhere/types.d.ts');
		expect(map(raw(outside, 0))?.file).toBe(outside);
	});

	it("drops what svelte-check says about a refused directive's tag, which mochi reports itself", () => {
		const tag = file.generated.lastIndexOf('<Avatar');
		expect(map(raw(page, tag + 20, { message: "'children' does not exist" }))).toBeNull();
		expect(map(raw(page, file.generated.lastIndexOf('Loading')))).not.toBeNull();
	});
});

describe('fromPreprocessError', () => {
	it('moves the location out of the message', () => {
		const [error] = preprocessIslands(original, { filename: path.join(root, page), root }).errors;
		expect(fromPreprocessError(error, root)).toEqual({
			severity: 'error',
			file: path.join(root, page),
			line: 5,
			column: 1,
			message: '<Avatar mochi:defr>: unknown directive mochi:defr; did you mean mochi:defer?',
			source: 'mochi',
			code: 'unknown-directive'
		});
	});
});

describe('sortDiagnostics', () => {
	it('orders by file, line and column', () => {
		const d = (file: string, line: number, column: number) => ({ file, line, column }) as Diagnostic;
		expect(sortDiagnostics([d('b', 1, 1), d('a', 2, 1), d('a', 1, 9), d('a', 1, 2)])).toEqual([d('a', 1, 2), d('a', 1, 9), d('a', 2, 1), d('b', 1, 1)]);
	});
});
