// Svelte's own diagnostics on preprocessed island files, moved back: each must land on the line of the
// original file that holds the construct it is about (found by searching the original, not written down).
import { compile } from 'svelte/compiler';
import { describe, expect, test } from 'vitest';
import { preprocessIslands } from '../../preprocess/index.js';
import { createDiagnosticMapper, type SvelteDiagnostic } from './original-positions.js';

const ROOT = '/app';
const FILE = '/app/src/routes/page.svelte';

/** The 1-based line and 0-based column of the first `needle` in `text`. */
function find(text: string, needle: string): { line: number; column: number } {
	const offset = text.indexOf(needle);
	expect(offset, needle).toBeGreaterThanOrEqual(0);
	const before = text.slice(0, offset).split('\n');
	return { line: before.length, column: before[before.length - 1].length };
}

function compiled(source: string) {
	const result = preprocessIslands(source, { filename: FILE, root: ROOT });
	expect(result.errors).toEqual([]);
	const map = createDiagnosticMapper({ original: source, generated: result.code, mappings: result.map!.mappings });
	return { code: result.code, map };
}

function warningsOf(source: string): SvelteDiagnostic[] {
	const { code, map } = compiled(source);
	const { warnings } = compile(code, { generate: 'server', filename: FILE, experimental: { async: true } });
	for (const warning of warnings) map(warning);
	return warnings;
}

const withScript = `<script lang="ts">
	import Avatar from '$lib/Avatar.svelte';
	import Counter from '$lib/Counter.svelte';
	let { data = 1 }: { data?: number } = $props();
	let copy = $state(data);
</script>

<h1>{copy}</h1>
<Counter
	mochi:hydrate
	start={1}
/>
<Avatar
	mochi:defer
	user="ada"
>
	<img src="/in-fallback.png">
</Avatar>
<img src="/after.png">
`;

describe('Svelte warnings in a file with islands', () => {
	test('land on the original lines: in the script, in a fallback, after multi-line islands', () => {
		const warnings = warningsOf(withScript);
		const places = warnings.map((w) => `${w.start!.line}:${w.start!.column}`);
		const expected = [find(withScript, 'data);'), find(withScript, '<img src="/in-fallback'), find(withScript, '<img src="/after')];
		expect(places).toEqual(expected.map(({ line, column }) => `${line}:${column}`));
		for (const warning of warnings) {
			// The frame shows the user's text, never the rewritten one, and `position` agrees with `start`.
			expect(warning.frame).not.toMatch(/__mochi|mochi-island/);
			expect(warning.frame).toContain(`${warning.start!.line}: ${withScript.split('\n')[warning.start!.line - 1].replace(/^\t/, '  ')}`);
			expect(withScript.slice(warning.position![0]).startsWith(withScript.split('\n')[warning.start!.line - 1].slice(warning.start!.column))).toBe(true);
		}
	});

	test('a file whose only script is the module script (the import is prepended as three lines)', () => {
		const source = `<script lang="ts" module>\n\timport Avatar from '$lib/Avatar.svelte';\n</script>\n\n<Avatar mochi:defer user="ada">…</Avatar>\n<img src="/x.png">\n`;
		expect(warningsOf(source).map((w) => w.start!.line)).toEqual([find(source, '<img').line]);
	});

	test('a compile error is moved too, with its frame', () => {
		// One that parses (a syntax error makes the preprocessor leave the file alone) but doesn't compile.
		const source = withScript.replace('let copy = $state(data);', 'let copy = $state(data);\n\tlet { other } = $props();');
		const { code, map } = compiled(source);
		let caught: (Error & SvelteDiagnostic) | undefined;
		try {
			compile(code, { generate: 'server', filename: FILE, experimental: { async: true } });
		} catch (error) {
			caught = error as Error & SvelteDiagnostic;
			map(caught);
		}
		expect(caught?.start?.line).toBe(find(source, 'let { other }').line);
		expect(caught?.frame).toContain('let { other } = $props();');
		expect(caught?.frame).not.toContain('__mochi');
	});

	test('a diagnostic without a position is left alone', () => {
		const { map } = compiled(withScript);
		const diagnostic: SvelteDiagnostic = {};
		map(diagnostic);
		expect(diagnostic).toEqual({});
	});
});
