// What golden files don't show well: pass-through paths, sourcemaps, paths, and message formatting.
import { compile } from 'svelte/compiler';
import { describe, expect, test } from 'vitest';
import { findIslands, formatErrors, preprocessIslands } from './index.js';
import { relativeFile } from './location.js';
import { blankStyles } from './parse.js';

const options = { filename: '/app/src/routes/index.svelte', root: '/app' };
const head = `<script>\n\timport Avatar from './Avatar.svelte';\n</script>\n`;

describe('preprocessIslands', () => {
	test('returns files without `mochi:` untouched, without parsing them', () => {
		// Not valid Svelte: it would throw if it were parsed.
		const source = '<div {';
		expect(preprocessIslands(source, options)).toEqual({ code: source, map: null, islands: [], errors: [] });
		expect(findIslands(source, options)).toEqual({ islands: [], errors: [] });
	});

	test('leaves files Svelte cannot parse to Svelte, which reports them better', () => {
		const source = `${head}<Avatar mochi:defer {/>`;
		expect(preprocessIslands(source, options)).toEqual({ code: source, map: null, islands: [], errors: [] });
	});

	test('produces a sourcemap of the original file', () => {
		const source = `${head}<Avatar mochi:defer>fallback</Avatar>`;
		const { map } = preprocessIslands(source, options);
		expect(map?.sources).toEqual([options.filename]);
		expect(map?.sourcesContent).toEqual([source]);
		expect(map?.mappings).not.toBe('');
	});

	test('finds the end of an opening tag whose attributes contain `>` and `/>`', () => {
		const source = `${head}<Avatar mochi:defer a={x > y} b="/>" c={'>'}>kept</Avatar>`;
		expect(preprocessIslands(source, options).code).toContain(
			'props: { a: x > y, b: "/>", c: \'>\' } })}>kept</mochi-island>'
		);
	});

	test('puts the import on its own line after a one-line script', () => {
		const source = `<script>import Avatar from './Avatar.svelte';</script><Avatar mochi:defer />`;
		const { code } = preprocessIslands(source, options);
		expect(code).toMatch(/^<script>\n\timport \{ island as __mochi_island \} from 'mochi-framework\/internal';\nimport Avatar/);
		compile(code, { generate: 'server' });
	});

	test('counts CRLF lines and keeps carriage returns in template-literal props', () => {
		const source = `${head}\r\n\r\n<Avatar mochi:defer label="a\r\n{b}" />`.replace(/(?<!\r)\n/g, '\r\n');
		const { islands, code } = preprocessIslands(source, options);
		expect(islands[0].line).toBe(6);
		expect(code).toContain('label: `a\\r\n${b}`');
	});
});

describe('formatErrors', () => {
	test('puts every error on its own line, in source order', () => {
		const source = `${head}<Avatar mochi:defr />\n<div mochi:defer></div>`;
		const { errors } = preprocessIslands(source, options);
		expect(formatErrors(errors)).toBe(
			[
				'src/routes/index.svelte:4:1 <Avatar mochi:defr>: unknown directive mochi:defr; did you mean mochi:defer?',
				'src/routes/index.svelte:5:1 <div mochi:defer>: <div> is an HTML element; only components can be islands.'
			].join('\n')
		);
	});
});

describe('relativeFile', () => {
	test('uses forward slashes, on Windows too', () => {
		expect(relativeFile('/app/src/routes/a.svelte', '/app/')).toBe('src/routes/a.svelte');
		expect(relativeFile('C:\\app\\src\\routes\\a.svelte', 'C:\\app')).toBe('src/routes/a.svelte');
	});
});

describe('blankStyles', () => {
	test('blanks style contents only, keeping length and newlines', () => {
		const source = `<script>const s = '<style>';</script>\n<style-guide></style-guide>\n<style lang="scss">\n$a: 1;\n</style>`;
		const blanked = blankStyles(source);
		expect(blanked.length).toBe(source.length);
		expect(blanked).toBe(source.replace('$a: 1;', '      '));
	});
});
