// One pass over the template: finds every element carrying a `mochi:*` directive, reports what is
// wrong with it, and returns the ones that can become server islands. Shared by `findIslands`
// (start-up scan, no code) and `preprocessIslands` (code), so both always agree.
import type { AST } from 'svelte/compiler';
import { checkDirectives } from './directive-checks.js';
import { DEFER, directiveUses } from './directives.js';
import { createReporter, type Reporter } from './errors.js';
import { collectImports } from './imports.js';
import { checkAttributes, checkComponent, checkFallback } from './island-checks.js';
import { parseSvelte } from './parse.js';
import type { IslandUse, PreprocessOptions } from './types.js';

export interface IslandSite {
	node: AST.Component;
	use: IslandUse;
}

export interface Analysis {
	ast: AST.Root;
	sites: IslandSite[];
	reporter: Reporter;
}

/** `null` when the file doesn't parse (Svelte will report why). */
export function analyze(source: string, options: PreprocessOptions): Analysis | null {
	const parsed = parseSvelte(source, options.filename);
	if (!parsed) return null;
	const { ast, repeated } = parsed;
	const reporter = createReporter(source, options);
	const imports = collectImports(ast);
	const sites: IslandSite[] = [];

	walk(ast.fragment, (node) => {
		const attributes = directiveUses(node, repeated);
		if (attributes.length === 0) return;
		const errorsBefore = reporter.errors.length;
		const { defer, island } = checkDirectives(node, attributes, reporter);
		if (!island) return;
		const imported = checkComponent(node, imports, reporter);
		// Hydrate-only elements stop here: their checks arrive with client islands.
		if (!defer || node.type !== 'Component') return;
		checkAttributes(node, source, reporter);
		checkFallback(node, reporter);
		if (!imported || reporter.errors.length > errorsBefore) return;
		const { line, column } = reporter.locate(node.start);
		const use: IslandUse = { component: node.name, specifier: imported.specifier, load: DEFER[defer], mode: 'plain', line, column };
		sites.push({ node, use });
	});

	return { ast, sites, reporter };
}

/**
 * Visits every element in document order, parents before children. Fragments are found by their
 * `type` rather than by a list of block kinds, so new Svelte blocks are walked without changes here.
 */
function walk(fragment: AST.Fragment, visit: (node: AST.ElementLike) => void): void {
	for (const node of fragment.nodes) {
		if ('attributes' in node && 'fragment' in node) visit(node);
		for (const value of Object.values(node)) {
			if (value && typeof value === 'object' && (value as { type?: unknown }).type === 'Fragment') {
				walk(value as AST.Fragment, visit);
			}
		}
	}
}
