// vite-plugin-svelte compiles what the mochi:islands transform returned and reports Svelte's warnings
// and errors against that text. Its compile step is wrapped here so that, for a file the preprocessor
// rewrote, each diagnostic is moved back to the user's file before it is logged (dev, vitest, build),
// sent to the browser, or turned into Vite's error (overlay `loc` and `frame`), and so that the file's
// JS source map goes through the preprocessor's map once, not twice (stacks in dev and production).
import type { Plugin } from 'vite';
import { createDiagnosticMapper, type Rewrite, type SvelteDiagnostic } from '../diagnostics/original-positions.js';

/** The files mochi:islands rewrote, by absolute path; a file it leaves alone again is forgotten. */
export type Rewrites = Map<string, Rewrite>;

type CompileSvelte = (
	request: { filename: string },
	code: string,
	options: unknown,
	environment: unknown,
	sourcemap?: { mappings: string }
) => Promise<{ compiled: { warnings?: SvelteDiagnostic[] } }>;

const WRAPPED = Symbol('mochi:original-positions');

/**
 * Wraps `compileSvelte`, which vite-plugin-svelte's config plugin creates and its compile plugin reads
 * in its own `configResolved`: wrapping it just before that read needs no assumption about hook order.
 */
export function mapSveltePositions(plugins: Plugin[], rewrites: Rewrites): void {
	const config = plugins.find((plugin) => plugin.name === 'vite-plugin-svelte:config') as (Plugin & { api?: { compileSvelte?: CompileSvelte } }) | undefined;
	const compile = plugins.find((plugin) => plugin.name === 'vite-plugin-svelte:compile');
	const api = config?.api;
	const resolved = compile?.configResolved;
	// A vite-plugin-svelte without these names: positions stay Svelte's (tests/diagnostics/original-lines.test.ts fails).
	if (!api || !compile || typeof resolved !== 'function') return;
	compile.configResolved = function (...args) {
		const inner = api.compileSvelte;
		if (inner && !(WRAPPED in inner)) api.compileSvelte = Object.assign(withOriginalPositions(inner, rewrites), { [WRAPPED]: true });
		return resolved.apply(this, args);
	};
}

function withOriginalPositions(compileSvelte: CompileSvelte, rewrites: Rewrites): CompileSvelte {
	return async (request, code, options, environment, sourcemap) => {
		const rewrite = rewrites.get(request.filename);
		if (!rewrite) return compileSvelte(request, code, options, environment, sourcemap);
		// Another preprocessor after ours changed the text: Vite's combined map still leads to the user's file.
		const through = code === rewrite.generated ? rewrite : sourcemap && { original: rewrite.original, generated: code, mappings: sourcemap.mappings };
		if (!through) return compileSvelte(request, code, options, environment, sourcemap);
		const map = createDiagnosticMapper(through);
		try {
			// Not handing Vite's combined map to Svelte: Svelte would chain it into its output map, and Vite
			// chains it again after the hook, so every stack through a file with islands would be mapped
			// twice (wrong lines). The cost: the dev-only CSS map of such a file points at the rewritten text.
			const result = await compileSvelte(request, code, options, environment, undefined);
			for (const warning of result.compiled.warnings ?? []) map(warning);
			return result;
		} catch (error) {
			if (error && typeof error === 'object') map(error as SvelteDiagnostic);
			throw error;
		}
	};
}
