// One pass over the template: finds every element carrying a `mochi:*` directive, reports what is
// wrong with it, and returns the ones that can become islands. Shared by `findIslands` (start-up
// scan, no code) and `preprocessIslands` (code), so both always agree.
import type { AST } from 'svelte/compiler';
import { checkChildren, checkNesting, type Enclosing } from './client-checks.js';
import { checkDirectives } from './directive-checks.js';
import { CLIENT, DEFER, directiveUses, HYDRATE } from './directives.js';
import { createReporter, type Reporter } from './errors.js';
import { collectImports } from './imports.js';
import { checkAttributes, checkComponent, checkFallback } from './island-checks.js';
import { parseSvelte } from './parse.js';
import { expressionText } from './scan.js';
import type { IslandUse, PreprocessOptions } from './types.js';

export interface IslandSite {
	node: AST.Component;
	use: IslandUse;
	/** Source text of the `:visible` options object, e.g. `{ rootMargin: '200px' }`. */
	options?: string;
}

export interface Analysis {
	ast: AST.Root;
	sites: IslandSite[];
	reporter: Reporter;
	/** Where each valid `mochi:enhance` starts (index.ts writes it as `mochi-enhance`, same length). */
	enhance: number[];
}

/** `null` when the file doesn't parse (Svelte will report why). */
export function analyze(source: string, options: PreprocessOptions): Analysis | null {
	const parsed = parseSvelte(source, options.filename);
	if (!parsed) return null;
	const { ast, repeated } = parsed;
	const reporter = createReporter(source, options);
	const imports = collectImports(ast);
	const sites: IslandSite[] = [];
	const enhance: number[] = [];

	walk<Enclosing | undefined>(ast.fragment, undefined, (node, enclosing) => {
		const attributes = directiveUses(node, repeated);
		if (attributes.length === 0) return enclosing;
		const errorsBefore = reporter.errors.length;
		const summary = checkDirectives(node, attributes, reporter);
		if (summary.enhance !== undefined) enhance.push(summary.enhance);
		if (!summary.island) return enclosing;
		const imported = checkComponent(node, imports, reporter);
		if (node.type !== 'Component') return enclosing;
		const { defer, hydrate, client } = summary;
		// mochi:client with defer or hydrate: reported, and nothing else about it means much.
		if (!defer && !hydrate && !client) return enclosing;
		checkAttributes(node, source, defer ? 'server' : client ? 'client-only' : 'client', reporter);
		if (defer) checkFallback(node, 'server island', reporter);
		else if (client) checkFallback(node, 'client-only island', reporter);
		else checkChildren(node, repeated, reporter);
		if (enclosing) checkNesting(node, defer !== undefined, enclosing, reporter);

		const { line, column } = reporter.locate(node.start);
		// The children of a client island are its subtree as far as nesting goes (an error anyway); those of
		// a client-only one its fallback, which the browser replaces when it mounts.
		const directive = client ?? (defer ? undefined : hydrate);
		const inner = directive ? { node, directive, line } : enclosing;
		if (!imported || reporter.errors.length > errorsBefore) return inner;
		const use: IslandUse = {
			component: node.name,
			specifier: imported.specifier,
			mode: client ? 'client' : hydrate ? 'hydrate' : 'plain',
			load: defer ? DEFER[defer] : null,
			hydrate: client ? CLIENT[client] : hydrate ? HYDRATE[hydrate] : null,
			line,
			column
		};
		sites.push({ node, use, options: summary.options && expressionText(source, summary.options) });
		return inner;
	});

	return { ast, sites, reporter, enhance };
}

/**
 * Visits every element in document order, parents before children; what `visit` returns is the
 * context its descendants are visited with. Fragments are found by their `type` rather than by a
 * list of block kinds, so new Svelte blocks are walked without changes here.
 */
function walk<C>(fragment: AST.Fragment, context: C, visit: (node: AST.ElementLike, context: C) => C): void {
	for (const node of fragment.nodes) {
		const inner = 'attributes' in node && 'fragment' in node ? visit(node, context) : context;
		for (const value of Object.values(node)) {
			if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'Fragment') {
				walk(value as AST.Fragment, inner, visit);
			}
		}
	}
}
