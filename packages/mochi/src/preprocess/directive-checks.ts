// Checks on the `mochi:*` attributes themselves: spelling, values, combinations. Runs on every
// element that has one, component or not, so a typo on a `<div>` is caught as well.
import type { AST } from 'svelte/compiler';
import {
	closest,
	isClient,
	isDefer,
	isHydrate,
	WITH_OPTIONS,
	type ClientDirective,
	type DeferDirective,
	type DirectiveUse,
	type HydrateDirective
} from './directives.js';
import type { Reporter } from './errors.js';
import { es, type EsNode } from './parse.js';

/** What the directives of one element ask for, once the invalid ones are reported. */
export interface DirectiveSummary {
	/** The first server-island directive, if any. */
	defer?: DeferDirective;
	/** The first client-island directive, if any. */
	hydrate?: HydrateDirective;
	/** The first client-only directive, if any (alone: with defer or hydrate it is reported). */
	client?: ClientDirective;
	/** The options object of the `:visible` directive that decides when the island loads, if given. */
	options?: EsNode;
	/** Whether any known directive (defer, hydrate or client) is present, i.e. the element means to be an island. */
	island: boolean;
	/** Where a valid `mochi:enhance` (on a `<form>`) starts: the one directive an element may carry. */
	enhance?: number;
}

/** `<form mochi:enhance>`: an enhanced form (DESIGN.md §9), written out as the `mochi-enhance` attribute. */
export const ENHANCE = 'mochi:enhance';

export function checkDirectives(node: AST.ElementLike, attributes: DirectiveUse[], reporter: Reporter): DirectiveSummary {
	const defers: DirectiveUse[] = [];
	const hydrates: DirectiveUse[] = [];
	const clients: DirectiveUse[] = [];
	let enhance: number | undefined;
	for (const use of attributes) {
		if (use.name === ENHANCE) {
			enhance = checkEnhance(node, use, reporter) ?? enhance;
			continue;
		}
		if (isDefer(use.name)) defers.push(use);
		else if (isHydrate(use.name)) hydrates.push(use);
		else if (isClient(use.name)) clients.push(use);
		else {
			reporter.report(node, 'unknown-directive', `unknown directive ${use.name}; did you mean ${closest(use.name)}?`);
			continue;
		}
		if (use.value !== true && !optionsOf(use.value, use.name)) reporter.report(node, 'directive-value', valueText(use.name));
	}
	for (const [kind, uses] of [['loads', defers], ['is hydrated', hydrates], ['mounts', clients]] as const) {
		if (uses.length > 1) reporter.report(node, 'duplicate-directive', duplicateText(kind, uses));
	}
	const defer = defers[0]?.name as DeferDirective | undefined;
	const hydrate = hydrates[0]?.name as HydrateDirective | undefined;
	const client = clients[0]?.name as ClientDirective | undefined;
	if (client && (defer || hydrate)) {
		reporter.report(node, 'client-combination', combinationText(client, (defer ?? hydrate)!));
		return { island: true };
	}
	if (defer && hydrate && hydrate !== 'mochi:hydrate') {
		reporter.report(node, 'defer-hydrate-trigger', triggerText(defer, hydrate));
	}
	// A deferred island loads (and so hydrates) on its defer directive's terms; else on its hydrate one's.
	const timing = defer ? defers[0] : (hydrates[0] ?? clients[0]);
	const options = timing && timing.value !== true ? optionsOf(timing.value, timing.name) : undefined;
	return { defer, hydrate, client, options, island: defers.length + hydrates.length + clients.length > 0, enhance };
}

/** The start of a valid `mochi:enhance`, or undefined once what is wrong with it is reported. */
function checkEnhance(node: AST.ElementLike, use: DirectiveUse, reporter: Reporter): number | undefined {
	if (node.type !== 'RegularElement' || node.name !== 'form') {
		const what = node.type === 'Component' ? `a component (<${node.name}>)` : `<${node.name}>`;
		reporter.report(node, 'enhance-not-form', `${ENHANCE} goes on a <form> element, not on ${what}: it submits that form with fetch and refreshes the islands it changes.`);
		return undefined;
	}
	if (use.value !== true) return void reporter.report(node, 'directive-value', valueText(use.name));
	return use.start;
}

/** The object literal of `mochi:…:visible={{ … }}` (quoted or not); `undefined` for any other value. */
function optionsOf(value: DirectiveUse['value'], name: string): EsNode | undefined {
	if (value === true || !WITH_OPTIONS.includes(name)) return undefined;
	const tag = Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value;
	if (tag?.type !== 'ExpressionTag') return undefined;
	const expression = es(tag.expression);
	return expression.type === 'ObjectExpression' ? expression : undefined;
}

function valueText(name: string): string {
	if (WITH_OPTIONS.includes(name)) {
		return `${name} expects an object like {{ rootMargin: '200px' }}; write ${name}={{ rootMargin: '200px' }} or just ${name}.`;
	}
	return `${name} doesn't take a value; write just ${name}.`;
}

function duplicateText(kind: string, uses: DirectiveUse[]): string {
	const unique = [...new Set(uses.map((use) => use.name))];
	if (unique.length === 1) return `${unique[0]} is written more than once; write it once.`;
	return `${unique.join(' and ')} can't be combined; an island ${kind} one way, so keep one of them.`;
}

function combinationText(client: ClientDirective, other: string): string {
	const why = other.startsWith('mochi:defer')
		? 'a client-only island is never rendered on the server, and a server island is only rendered there'
		: 'a client-only island has no server HTML to hydrate: the browser mounts it in place of its children';
	return `${client} can't be combined with ${other}: ${why}. Keep one of them.`;
}

function triggerText(defer: DeferDirective, hydrate: HydrateDirective): string {
	const why = `${hydrate} can't be combined with ${defer}: a deferred island is hydrated as soon as its HTML arrives`;
	if (defer === 'mochi:defer') return `${why}; use mochi:defer:visible to delay it.`;
	return `${why}, and ${defer} already waits until it is near; write just mochi:hydrate.`;
}
