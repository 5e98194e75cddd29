import { describe, expect, it } from 'vitest';
import { blankEnhance, blankLeftovers, checkedSvelte } from './svelte-file.js';

const root = '/app';
const filename = '/app/src/routes/index.svelte';

describe('checkedSvelte', () => {
	it('rewrites islands and keeps the source map and the original', () => {
		const original = `<script lang="ts">\n\timport Avatar from './Avatar.svelte';\n</script>\n<Avatar mochi:defer user="a">Loading</Avatar>\n`;
		const file = checkedSvelte(original, filename, root);
		expect(file.generated).toContain('__mochi_island(Avatar, {');
		expect(file.generated).toContain('props: { user: "a" }');
		expect(file.generated).not.toContain('mochi:defer');
		expect(file.mappings).toEqual(expect.any(String));
		expect(file.original).toBe(original);
		expect(file.errors).toEqual([]);
		expect(file.muted).toEqual([]);
	});

	it('leaves a file without islands byte for byte, with no map', () => {
		const original = '<p>no islands, though it says mochi:defer in text</p>\n';
		expect(checkedSvelte(original, filename, root)).toMatchObject({ generated: original, mappings: null, errors: [], muted: [] });
	});

	it('reports a misspelled directive, blanks it and mutes its opening tag', () => {
		const original = `<script lang="ts">\n\timport Avatar from './Avatar.svelte';\n</script>\n<Avatar mochi:defr user="a">Loading</Avatar>\n`;
		const file = checkedSvelte(original, filename, root);
		expect(file.errors.map((error) => [error.code, error.line])).toEqual([['unknown-directive', 4]]);
		const tag = '<Avatar            user="a">';
		expect(file.generated).toContain(tag);
		const start = file.generated.indexOf(tag);
		expect(file.muted).toEqual([[start, start + tag.length]]);
		expect(file.generated.length).toBe(original.length);
	});
});

describe('blankLeftovers', () => {
	it('blanks values too, keeping line breaks so lines keep their numbers', () => {
		const code = '<div mochi:defer:visible={{\n\trootMargin: "1px"\n}} class="a">x</div>';
		const { generated } = blankLeftovers(code, 'x.svelte');
		const blank = (text: string) => ' '.repeat(text.length);
		expect(generated).toBe(`<div ${blank('mochi:defer:visible={{')}\n${blank('\trootMargin: "1px"')}\n${blank('}}')} class="a">x</div>`);
	});

	it('blanks a repeated directive, which Svelte itself cannot parse', () => {
		const code = '<Avatar mochi:defer mochi:defer={x} user="a">x</Avatar>';
		const { generated, muted } = blankLeftovers(code, 'x.svelte');
		expect(generated).toBe(`<Avatar ${' '.repeat('mochi:defer mochi:defer={x}'.length)} user="a">x</Avatar>`);
		expect(muted).toEqual([[0, code.indexOf('>') + 1]]);
	});

	it('leaves `mochi:` outside attributes alone', () => {
		const code = '<p title="mochi:defer">mochi:defer</p>';
		expect(blankLeftovers(code, 'x.svelte')).toEqual({ generated: code, muted: [] });
	});
});

describe('blankEnhance', () => {
	it('blanks a form\'s mochi:enhance (written mochi-enhance), in an {#if} too, and nothing else', () => {
		const original = '{#if a}<form mochi:enhance method="post"><i>mochi-enhance</i></form>{:else}<form class="x" mochi:enhance></form>{/if}';
		const file = checkedSvelte(original, filename, root);
		const gap = ' '.repeat('mochi-enhance'.length);
		expect(file.generated).toBe(`{#if a}<form ${gap} method="post"><i>mochi-enhance</i></form>{:else}<form class="x" ${gap}></form>{/if}`);
		expect(file.errors).toEqual([]);
	});

	it('leaves an attribute of that name with a value, or on another element, for svelte-check to report', () => {
		const code = '<form mochi-enhance="yes"></form><div mochi-enhance></div>';
		expect(blankEnhance(code, 'x.svelte')).toBe(code);
	});
});
