import { describe, expect, it } from 'vitest';
import { preprocessIslands } from '../../preprocess/index.js';
import { createPositionMapper, lineStarts, positionOf, type Position } from './position-map.js';

const root = '/app';
const filename = '/app/src/routes/index.svelte';

/** The 0-based position of `needle` (its `nth` occurrence) in `text`. */
function at(text: string, needle: string, nth = 0): Position {
	let offset = -1;
	for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
	if (offset === -1) throw new Error(`"${needle}" not found`);
	return positionOf(lineStarts(text), offset);
}

/** Preprocesses `original` and maps where `needle` is in the output back to the original. */
function mapped(original: string, needle: string, options: { nth?: number; length?: number } = {}): Position {
	const { code, map } = preprocessIslands(original, { filename, root });
	const map_ = createPositionMapper({ original, generated: code, mappings: map?.mappings ?? null });
	const start = at(code, needle, options.nth);
	return map_(start, { line: start.line, column: start.column + (options.length ?? needle.length) });
}

describe('createPositionMapper', () => {
	it('is the identity for a file the preprocessor left alone', () => {
		const map = createPositionMapper({ original: 'x', generated: 'x', mappings: null });
		expect(map({ line: 3, column: 4 })).toEqual({ line: 3, column: 4 });
	});

	it('undoes the line the injected helper import adds', () => {
		const original = `<script lang="ts">\n\timport Avatar from './Avatar.svelte';\n\tconst n: number = 'x';\n</script>\n\n<Avatar mochi:defer user="a">…</Avatar>\n`;
		expect(mapped(original, 'n: number')).toEqual(at(original, 'n: number'));
	});

	it('undoes the lines a multi-line island tag loses', () => {
		const original = [
			'<script lang="ts">',
			"\timport Avatar from './Avatar.svelte';",
			'</script>',
			'<Avatar',
			'\tmochi:defer',
			'\tuser="a"',
			'>',
			'\tLoading…',
			'</Avatar>',
			'<p>{oops}</p>'
		].join('\n');
		expect(mapped(original, 'oops')).toEqual(at(original, 'oops'));
		expect(mapped(original, 'Loading')).toEqual(at(original, 'Loading'));
	});

	it('puts a diagnostic about a prop on that attribute, lines into the tag', () => {
		const original = [
			'<script lang="ts">',
			"\timport Avatar from './Avatar.svelte';",
			'</script>',
			'<Avatar',
			'\tmochi:defer',
			'\tsize="big"',
			'\tuser={1}',
			'>…</Avatar>'
		].join('\n');
		// In the output: `props: { size: "big", user: 1 }`.
		expect(mapped(original, 'user', { nth: 0 })).toEqual(at(original, 'user={1}'));
		expect(mapped(original, 'size: "big"', { length: 4 })).toEqual(at(original, 'size="big"'));
	});

	it('finds an expression of a prop value inside the tag', () => {
		const original = `<script lang="ts">\n\timport Counter from './Counter.svelte';\n</script>\n<Counter mochi:hydrate start={count + 1} />\n`;
		expect(mapped(original, 'count + 1', { length: 5 })).toEqual(at(original, 'count + 1'));
	});

	it('points at the tag for what belongs to no attribute (a missing prop)', () => {
		const original = `<script lang="ts">\n\timport Avatar from './Avatar.svelte';\n</script>\n\n<Avatar mochi:defer:visible>…</Avatar>\n`;
		expect(mapped(original, 'props', { length: 5 })).toEqual(at(original, '<Avatar mochi'));
	});

	it('maps a file that only had a module script (the preprocessor adds an instance script)', () => {
		const original = `<script module lang="ts">\n\timport Avatar from './Avatar.svelte';\n</script>\n\n<Avatar mochi:defer user="m">…</Avatar>\n<p>{nope}</p>\n`;
		expect(mapped(original, 'nope')).toEqual(at(original, 'nope'));
	});

	it('maps the inserted import line to the script tag it sits in', () => {
		const original = `<script lang="ts">\n\timport Avatar from './Avatar.svelte';\n</script>\n<Avatar mochi:defer user="a">…</Avatar>\n`;
		expect(mapped(original, 'mochi-framework/internal').line).toBe(0);
	});
});
