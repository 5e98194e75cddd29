// The preprocessor rewrites an island's opening tag into one generated call, so the source map can
// only point at the tag's `<`. A diagnostic on `user: 1` inside `props: {…}` belongs on the `user`
// attribute, which may sit lines further down a multi-line tag: find it in the original tag.
import type { AST } from 'svelte/compiler';
import { parseSvelte } from '../../preprocess/parse.js';
import { openingTagEnd } from '../../preprocess/scan.js';

export interface IslandTags {
	/**
	 * The original offset for the generated range `[at, to)` of a tag that starts at `tagStart` in
	 * the original. Best effort: the tag's start when nothing better is found.
	 */
	locate(tagStart: number, generated: string, at: number, to: number): number;
}

export function createIslandTags(original: string): IslandTags {
	let components: Map<number, AST.Component> | undefined;
	return {
		locate(tagStart, generated, at, to) {
			components ??= collectComponents(original);
			const node = components.get(tagStart);
			const needle = (generated.slice(at, to).trim() || /^[\w$]*/.exec(generated.slice(at))![0]).split('\n')[0];
			if (!node || !needle) return tagStart;
			// `user: 1` or the shorthand `{ user }`: the diagnostic is about the prop itself.
			if (isKey(generated, at, to)) {
				const name = needle.replace(/^"(.*)"$/, '$1');
				const attribute = node.attributes.find((a) => a.type === 'Attribute' && a.name === name);
				if (attribute) return attribute.start;
			}
			// Part of a value: props copy attribute expressions verbatim, so the text is in the tag.
			const nameEnd = node.start + 1 + node.name.length;
			const found = findWord(original.slice(nameEnd, openingTagEnd(original, node).end), needle);
			return found === -1 ? tagStart : nameEnd + found;
		}
	};
}

function isKey(generated: string, at: number, to: number): boolean {
	const before = generated.slice(Math.max(0, at - 4), at);
	const after = generated.slice(to, to + 4);
	return /^\s*:/.test(after) || (/[{,]\s*$/.test(before) && /^\s*[,}]/.test(after));
}

/** The first occurrence of `word` not glued to other identifier characters. */
function findWord(text: string, word: string): number {
	const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const start = /^[\w$]/.test(word) ? '(?<![\\w$])' : '';
	const end = /[\w$]$/.test(word) ? '(?![\\w$])' : '';
	return text.search(new RegExp(start + escaped + end));
}

/** Every component in the file by the offset of its `<`, where the source map points for a rewritten tag. */
function collectComponents(source: string): Map<number, AST.Component> {
	const found = new Map<number, AST.Component>();
	const parsed = parseSvelte(source, 'island.svelte');
	if (!parsed) return found;
	walk(parsed.ast.fragment, (node) => {
		if (node.type === 'Component') found.set(node.start, node);
	});
	return found;
}

/** Every node of a template, blocks included: fragments are found by their `type`, as in preprocess/analyze. */
export function walk(fragment: AST.Fragment, visit: (node: AST.Fragment['nodes'][number]) => void): void {
	for (const node of fragment.nodes) {
		visit(node);
		for (const value of Object.values(node)) {
			if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'Fragment') walk(value as AST.Fragment, visit);
		}
	}
}
