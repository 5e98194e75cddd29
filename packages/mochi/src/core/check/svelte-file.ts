// One .svelte file as `mochi check` hands it to svelte-check: islands rewritten by the same
// preprocessor the build uses, so their props are checked against the island component's own props.
import type { AST } from 'svelte/compiler';
import { preprocessIslands, type PreprocessError } from '../../preprocess/index.js';
import { directiveUses } from '../../preprocess/directives.js';
import { parseSvelte } from '../../preprocess/parse.js';
import { openingTagEnd } from '../../preprocess/scan.js';
import { walk } from './island-tags.js';
import { ENHANCE_ATTRIBUTE } from '../../runtime/shared/enhance-constants.js';
import type { MappedSource } from './position-map.js';

export interface CheckedSvelte extends MappedSource {
	/** Mistakes in `mochi:*` directives, reported by `mochi check` itself. */
	errors: PreprocessError[];
	/** Generated ranges `[start, end)` whose diagnostics are dropped (see `blankLeftovers`). */
	muted: Array<[number, number]>;
}

export function checkedSvelte(original: string, filename: string, root: string): CheckedSvelte {
	const { code, map, errors } = preprocessIslands(original, { filename, root });
	const { generated, muted } = blankLeftovers(blankEnhance(code, filename), filename);
	return { original, generated, mappings: map?.mappings ?? null, errors, muted };
}

/**
 * A `mochi:*` directive still in the output is one the preprocessor refused (`mochi:defr`, a
 * directive on a `<div>`…) and has reported. Left in, svelte-check would add noise about the same
 * tag: `'mochi:defr' does not exist`, `attribute_illegal_colon`, `'children' does not exist` (the
 * fallback). So the directive is blanked (same length: offsets and the map stay valid) and what
 * svelte-check says about that opening tag is muted until the directive is fixed.
 */
export function blankLeftovers(code: string, filename: string): { generated: string; muted: Array<[number, number]> } {
	const muted: Array<[number, number]> = [];
	if (!code.includes('mochi:')) return { generated: code, muted };
	const parsed = parseSvelte(code, filename);
	if (!parsed) return { generated: code, muted };
	let generated = code;
	walk(parsed.ast.fragment, (node) => {
		if (!('attributes' in node) || !('fragment' in node)) return;
		const uses = directiveUses(node as AST.ElementLike, parsed.repeated);
		if (uses.length === 0) return;
		muted.push([node.start, openingTagEnd(code, node as AST.ElementLike).end]);
		for (const use of uses) {
			const attribute = node.attributes.find((a) => a.start === use.start);
			const end = attribute ? attribute.end : attributeEnd(code, use.start);
			generated = generated.slice(0, use.start) + blank(generated.slice(use.start, end)) + generated.slice(end);
		}
	});
	return { generated, muted };
}

/**
 * `mochi:enhance` is written as a `mochi-enhance` attribute on its `<form>`, which svelte-check would call
 * an unknown property of a form element: it is blanked (same length), as it means nothing to the types.
 */
export function blankEnhance(code: string, filename: string): string {
	if (!code.includes(ENHANCE_ATTRIBUTE)) return code;
	const parsed = parseSvelte(code, filename);
	if (!parsed) return code;
	let generated = code;
	walk(parsed.ast.fragment, (node) => {
		if (node.type !== 'RegularElement' || node.name !== 'form') return;
		for (const attribute of node.attributes) {
			if (attribute.type !== 'Attribute' || attribute.name !== ENHANCE_ATTRIBUTE || attribute.value !== true) continue;
			generated = generated.slice(0, attribute.start) + blank(generated.slice(attribute.start, attribute.end)) + generated.slice(attribute.end);
		}
	});
	return generated;
}

/**
 * Where an attribute that Svelte refused to parse (a repeated directive) ends: its name, then
 * optionally `=` and a quoted, braced or bare value.
 */
function attributeEnd(code: string, start: number): number {
	let i = start;
	while (i < code.length && !/[\s=/>]/.test(code[i])) i += 1;
	if (code[i] !== '=') return i;
	i += 1;
	if (code[i] === '"' || code[i] === "'") return code.indexOf(code[i], i + 1) + 1 || code.length;
	if (code[i] !== '{') {
		while (i < code.length && !/[\s/>]/.test(code[i])) i += 1;
		return i;
	}
	for (let depth = 0; i < code.length; i += 1) {
		if (code[i] === '{') depth += 1;
		else if (code[i] === '}' && --depth === 0) return i + 1;
	}
	return i;
}

/** Spaces for everything but line breaks, so every line keeps its number. */
function blank(text: string): string {
	return text.replace(/[^\r\n]/g, ' ');
}
