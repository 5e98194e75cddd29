// Checks that only client islands (`mochi:hydrate` without `mochi:defer`) need. Such an island is
// rendered on the server as its own root and hydrated in the browser from its props alone, so
// nothing written between its tags can reach the browser — least of all another island.
// (Islands inside the component's *own* file are the build's cross-file check, not ours.)
import type { AST } from 'svelte/compiler';
import { isClient, isIslandElement, type ClientDirective, type HydrateDirective } from './directives.js';
import type { Reporter } from './errors.js';
import type { Parsed } from './parse.js';

/** The client island whose children the walk is in. */
export interface Enclosing {
	node: AST.Component;
	directive: HydrateDirective | ClientDirective;
	line: number;
}

/** Children would be rendered on the server and then lost when the browser hydrates. */
export function checkChildren(node: AST.Component, repeated: Parsed['repeated'], reporter: Reporter): void {
	// Islands among the children get their own, clearer error from `checkNesting`.
	const content = node.fragment.nodes.filter((child) => !isBlank(child) && !('attributes' in child && isIslandElement(child, repeated)));
	if (content.length === 0) return;
	reporter.report(
		node,
		'hydrate-children',
		"a client island can't have children: only props reach the browser. Pass data as props, or use mochi:defer for a fallback."
	);
}

/** What Svelte drops from a component's children anyway: comments and whitespace. */
function isBlank(node: AST.Fragment['nodes'][number]): boolean {
	return node.type === 'Comment' || (node.type === 'Text' && /^[ \t\r\n\f]*$/.test(node.data));
}

/** An island (of either kind) written in the children of a client island. */
export function checkNesting(node: AST.Component, deferred: boolean, enclosing: Enclosing, reporter: Reporter): void {
	const outer = enclosing.node.name;
	if (isClient(enclosing.directive)) {
		const code = deferred ? 'defer-in-hydrated' : 'hydrate-nested';
		const where = `it is in the fallback of <${outer} ${enclosing.directive}> (line ${enclosing.line}), which the browser replaces when ${outer} mounts`;
		return reporter.report(node, code, `an island can't be in a client-only island's fallback: ${where}. Move it out of <${outer}>.`);
	}
	const where = `this one is in the children of <${outer} ${enclosing.directive}> (line ${enclosing.line}), and the browser hydrates ${outer} from its props alone`;
	if (deferred) {
		reporter.report(node, 'defer-in-hydrated', `a server island can't be inside a client island: ${where}. Move it out of <${outer}>.`);
	} else {
		reporter.report(
			node,
			'hydrate-nested',
			`a client island can't be inside another: ${where}. Move it out of <${outer}>, or render it inside ${outer}'s own file without mochi:hydrate.`
		);
	}
}
