// The `mochi:*` vocabulary. Everything that reads or suggests directive names goes through here.
import type { AST } from 'svelte/compiler';
import type { Parsed } from './parse.js';

export const PREFIX = 'mochi:';

/** Server-island directives and when the browser fetches the island. */
export const DEFER = { 'mochi:defer': 'eager', 'mochi:defer:visible': 'visible' } as const;
export type DeferDirective = keyof typeof DEFER;

/** Client-island directives and when the browser hydrates the island. */
export const HYDRATE = { 'mochi:hydrate': 'load', 'mochi:hydrate:visible': 'visible', 'mochi:hydrate:idle': 'idle' } as const;
export type HydrateDirective = keyof typeof HYDRATE;

/** Client-only directives and when the browser mounts the island (no server render: its children show until then). */
export const CLIENT = { 'mochi:client': 'load', 'mochi:client:visible': 'visible', 'mochi:client:idle': 'idle' } as const;
export type ClientDirective = keyof typeof CLIENT;

/** The directives that take an options object: `mochi:defer:visible={{ rootMargin: '200px' }}`. */
export const WITH_OPTIONS: readonly string[] = ['mochi:defer:visible', 'mochi:hydrate:visible', 'mochi:client:visible'];

// mochi:enhance (directive-checks.ts) is one too, so a typo of it is suggested back.
export const ALL = [...Object.keys(DEFER), ...Object.keys(HYDRATE), ...Object.keys(CLIENT), 'mochi:enhance'];

export function isDefer(name: string): name is DeferDirective {
	return Object.hasOwn(DEFER, name);
}

export function isHydrate(name: string): name is HydrateDirective {
	return Object.hasOwn(HYDRATE, name);
}

export function isClient(name: string): name is ClientDirective {
	return Object.hasOwn(CLIENT, name);
}

/** Whether an element carries a known island directive (a misspelled one doesn't count). */
export function isIslandElement(node: AST.ElementLike, repeated: Parsed['repeated']): boolean {
	return directiveUses(node, repeated).some(({ name }) => isDefer(name) || isHydrate(name) || isClient(name));
}

/** The `mochi:*` attributes of an element, in source order. */
export function mochiAttributes(node: AST.ElementLike): AST.Attribute[] {
	return node.attributes.filter(
		(attribute): attribute is AST.Attribute => attribute.type === 'Attribute' && attribute.name.startsWith(PREFIX)
	);
}

export interface DirectiveUse {
	name: string;
	start: number;
	/** `true` when written bare; only the `:visible` directives may take a value (an options object). */
	value: AST.Attribute['value'];
}

/**
 * The `mochi:*` attributes of an element, including repeats that had to be blanked for Svelte to
 * parse the file (see `parseSvelte`). A repeat belongs to the element whose opening tag holds it.
 */
export function directiveUses(node: AST.ElementLike, repeated: Parsed['repeated']): DirectiveUse[] {
	const tagEnd = node.fragment.nodes[0]?.start ?? node.end;
	const repeats = repeated
		.filter(({ start }) => start > node.start && start < tagEnd)
		.map(({ name, start }) => ({ name, start, value: true as const }));
	return [...mochiAttributes(node), ...repeats].sort((a, b) => a.start - b.start);
}

/** The valid directive closest to a misspelled one, by edit distance. */
export function closest(name: string): string {
	let best = ALL[0];
	let bestDistance = Infinity;
	for (const candidate of ALL) {
		const distance = editDistance(name, candidate);
		if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
	}
	return best;
}

function editDistance(a: string, b: string): number {
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const row = [i];
		for (let j = 1; j <= b.length; j++) {
			const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
			row.push(Math.min(previous[j] + 1, row[j - 1] + 1, substitution));
		}
		previous = row;
	}
	return previous[b.length];
}
