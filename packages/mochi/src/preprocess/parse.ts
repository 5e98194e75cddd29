// Svelte's own parser, run on a copy of the source that it can always read: styles blanked, and
// repeated `mochi:*` attributes (which Svelte refuses outright) blanked and remembered.
import { parse, type AST } from 'svelte/compiler';

/** A JS expression node as Svelte's parser (acorn) produces it: always has offsets. */
export interface EsNode {
	type: string;
	start: number;
	end: number;
	[key: string]: unknown;
}

export function es(node: unknown): EsNode {
	return node as EsNode;
}

// Comments and scripts are matched only so that a `<style>` inside them is skipped, not blanked.
const REGIONS =
	/<!--[\s\S]*?-->|<script(?=[\s>])[^>]*>[\s\S]*?<\/script\s*>|(<style(?=[\s/>])[^>]*>)([\s\S]*?)(<\/style\s*>)/gi;

/**
 * Replaces the contents of every `<style>` with spaces (newlines kept), so `lang="scss"` and friends
 * never trip the CSS parser. Same length, so every offset into the copy is valid in the original.
 */
export function blankStyles(source: string): string {
	return source.replace(REGIONS, (match, open?: string, content?: string, close?: string) =>
		open === undefined ? match : open + blank(content!) + close
	);
}

export interface Parsed {
	ast: AST.Root;
	/** `mochi:*` attributes that repeat an earlier one on the same element, blanked before parsing. */
	repeated: Array<{ name: string; start: number }>;
}

/**
 * `null` when the file doesn't parse: the Svelte compiler reports that error itself, with a far
 * better code frame than we could, a moment later.
 */
export function parseSvelte(source: string, filename: string): Parsed | null {
	let copy = blankStyles(source);
	const repeated: Parsed['repeated'] = [];
	// Each round blanks one more `mochi:*` attribute, so this ends.
	for (;;) {
		try {
			return { ast: parse(copy, { modern: true, filename }), repeated };
		} catch (error) {
			const { code, position } = error as { code?: string; position?: [number, number] };
			if (code !== 'attribute_duplicate' || !position) return null;
			const [start, end] = position;
			const name = /^mochi:[^\s=/>]*/.exec(copy.slice(start, end))?.[0];
			if (!name) return null;
			// Svelte stops at a repeated attribute; we want to name the directive and keep going.
			repeated.push({ name, start });
			copy = copy.slice(0, start) + blank(copy.slice(start, end)) + copy.slice(end);
		}
	}
}

function blank(text: string): string {
	return text.replace(/[^\r\n]/g, ' ');
}
