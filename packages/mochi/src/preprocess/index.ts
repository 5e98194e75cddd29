// The island preprocessor: Svelte source in; code, sourcemap, island uses and errors out.
// Pure (no file system, no Vite), so it can be golden-tested and run from any plugin hook.
import { analyze } from './analyze.js';
import { PREFIX } from './directives.js';
import { transform } from './transform.js';
import { ENHANCE_ATTRIBUTE } from '../runtime/shared/enhance-constants.js';
import type { IslandUse, PreprocessError, PreprocessOptions, PreprocessResult } from './types.js';

export { formatErrors } from './errors.js';
export { staticSvelteImports } from './imports.js';
export type { IslandUse, PreprocessError, PreprocessErrorCode, PreprocessOptions, PreprocessResult } from './types.js';

/**
 * Rewrites every `<X mochi:defer …>` into a `<mochi-island>` shell and every `<X mochi:hydrate …>`
 * into a call that renders it as a hydratable root of its own, and reports misuses. Files that
 * don't mention `mochi:` are returned untouched without being parsed: that is nearly every file.
 */
export function preprocessIslands(source: string, options: PreprocessOptions): PreprocessResult {
	const analysis = source.includes(PREFIX) ? analyze(source, options) : null;
	if (!analysis) return { code: source, map: null, islands: [], errors: [] };
	const { ast, sites, reporter } = analysis;
	// `mochi:enhance` → `mochi-enhance`: same length, so the AST's offsets and the source map still hold.
	for (const start of analysis.enhance) source = source.slice(0, start) + ENHANCE_ATTRIBUTE + source.slice(start + ENHANCE_ATTRIBUTE.length);
	const islands = sites.map((site) => site.use);
	if (sites.length === 0) return { code: source, map: null, islands, errors: reporter.errors };
	const { code, map } = transform(source, ast, sites, { filename: options.filename, file: reporter.file });
	return { code, map, islands, errors: reporter.errors };
}

/** Cheap: the island uses of a file without producing code (used to scan an app at start-up). */
export function findIslands(source: string, options: PreprocessOptions): { islands: IslandUse[]; errors: PreprocessError[] } {
	const analysis = source.includes(PREFIX) ? analyze(source, options) : null;
	if (!analysis) return { islands: [], errors: [] };
	return { islands: analysis.sites.map((site) => site.use), errors: analysis.reporter.errors };
}
