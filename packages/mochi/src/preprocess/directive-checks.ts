// Checks on the `mochi:*` attributes themselves: spelling, values, combinations. Runs on every
// element that has one, component or not, so a typo on a `<div>` is caught as well.
import type { AST } from 'svelte/compiler';
import { closest, isDefer, isHydrate, type DeferDirective, type DirectiveUse } from './directives.js';
import type { Reporter } from './errors.js';

/** What the directives of one element ask for, once the invalid ones are reported. */
export interface DirectiveSummary {
	/** The first server-island directive, if any. */
	defer?: DeferDirective;
	/** Whether any known directive (defer or hydrate) is present, i.e. the element means to be an island. */
	island: boolean;
}

export function checkDirectives(node: AST.ElementLike, attributes: DirectiveUse[], reporter: Reporter): DirectiveSummary {
	const defers: string[] = [];
	const hydrates: string[] = [];
	for (const { name, value } of attributes) {
		if (isDefer(name)) defers.push(name);
		else if (isHydrate(name)) hydrates.push(name);
		else {
			reporter.report(node, 'unknown-directive', `unknown directive ${name}; did you mean ${closest(name)}?`);
			continue;
		}
		if (value !== true) {
			reporter.report(node, 'directive-value', `${name} doesn't take a value; write just ${name}.`);
		}
	}
	if (hydrates.length > 0) {
		reporter.report(
			node,
			'hydrate-unsupported',
			`client islands (mochi:hydrate) are not available in this version yet; use mochi:defer for a server island.`
		);
	}
	for (const kind of [defers, hydrates]) {
		if (kind.length > 1) reporter.report(node, 'duplicate-directive', duplicateText(kind));
	}
	return { defer: defers[0] as DeferDirective | undefined, island: defers.length + hydrates.length > 0 };
}

function duplicateText(names: string[]): string {
	const unique = [...new Set(names)];
	if (unique.length === 1) return `${unique[0]} is written more than once; write it once.`;
	return `${unique.join(' and ')} can't be combined; an island loads one way, so keep one of them.`;
}
