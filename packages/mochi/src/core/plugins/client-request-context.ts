import type { Plugin } from 'vite';
import type { PluginContext } from './context.js';
import { ISLAND_ENTRY, buildChain, devChain, formatChain, showFile } from './import-chain.js';
import { exportsThatCall, findRequestContextCall, importsOf, usesOutsideHydratable, type SourcePosition } from './request-context-calls.js';
import { findingsReporter, type BrowserFinding, type FindingsReporter } from './browser-findings.js';

/**
 * mochi:client-request-context — `getRequestContext()` has a request on the server only: in a client
 * island's component tree it renders on the server, then throws in the browser as the island hydrates.
 * The client build (and `mochi check`, which runs it) reports each module of an island's graph that calls
 * it, with the chain of imports from the island, if the call survived tree-shaking (a module whose only
 * caller is an export no island uses is fine), and unless it runs only inside `hydratable()`'s function. In
 * dev, where nothing is shaken, an island component that calls it logs a warning as the browser loads it,
 * and the call itself throws naming the island.
 */
export function clientRequestContextPlugin(context: PluginContext): Plugin {
	let vitest = false;
	let report: FindingsReporter | null = null;
	const callers = new Map<string, SourcePosition>();
	const warned = new Set<string>();
	return {
		name: 'mochi:client-request-context',
		// Before Svelte compiles a component: the position is in the source as the user wrote it.
		enforce: 'pre',
		config(config) {
			vitest = 'test' in config;
			report = findingsReporter(config);
		},
		applyToEnvironment: (environment) => environment.config.consumer === 'client',
		transform: {
			filter: { code: 'getRequestContext' },
			handler(code, id) {
				if (vitest || id.startsWith('\0') || id.includes('?')) return;
				const call = findRequestContextCall(code);
				// Forgotten when an edit removes the call (a watching build, dev) but not the name.
				if (!call) return void callers.delete(id);
				callers.set(id, call);
				if (this.environment.mode !== 'dev' || warned.has(id)) return;
				// Only the island component itself: whether a module's call is reached (or only from inside
				// hydratable()) takes the whole graph, which the build has and dev doesn't yet.
				const chain = devChain(this.environment, id);
				if (chain.length !== 2 || !chain[0]?.startsWith(ISLAND_ENTRY)) return;
				warned.add(id);
				this.warn(located({ file: id, ...call, message: describe(chain, context.root) }, context.root));
			}
		},
		async generateBundle(_, bundle) {
			if (vitest || this.environment.mode === 'dev') return;
			// What each module became in the output, before minifying: a call that was shaken off is not there.
			const rendered = new Map<string, string>();
			for (const output of Object.values(bundle)) {
				if (output.type !== 'chunk') continue;
				for (const [id, module] of Object.entries(output.modules)) rendered.set(id, (rendered.get(id) ?? '') + (module.code ?? ''));
			}
			const findings: BrowserFinding[] = [];
			for (const [id, call] of callers) {
				if (!rendered.get(id)?.includes('getRequestContext')) continue;
				const chain = await browserChain(this, id);
				if (chain) findings.push({ file: id, ...call, message: describe(chain, context.root) });
			}
			if (findings.length === 0) return;
			if (report) return report(findings);
			this.error(findings.map((finding) => located(finding, context.root)).join('\n'));
		}
	};
}

type ModuleFacts = { isEntry: boolean; importedIds: readonly string[]; dynamicallyImportedIds: readonly string[]; code: string | null; importers: readonly string[]; dynamicImporters: readonly string[] };
type BundleContext = {
	getModuleInfo(id: string): ModuleFacts | null;
	getModuleIds(): IterableIterator<string>;
	resolve(specifier: string, importer: string): Promise<{ id: string } | null>;
};

/**
 * The chain from a client island to `id` through an importer that may call it in the browser. An importer
 * whose every use of what it imports from `id` sits inside `hydratable()`'s function (a cookie read on the
 * server and carried to the browser as data: the demo's mini cart) doesn't count. Only the importer itself
 * is looked at: anything further (a re-export, a value passed on) counts as a use.
 */
async function browserChain(graph: BundleContext, id: string): Promise<string[] | null> {
	const info = graph.getModuleInfo(id);
	// Which of its exports lead to the call, if that can be told (a component's is its default export).
	const calling = info?.code ? exportsThatCall(info.code) : null;
	for (const importer of [...(info?.importers ?? []), ...(info?.dynamicImporters ?? [])]) {
		const code = importer.startsWith('\0') ? null : graph.getModuleInfo(importer)?.code;
		if (code && !(await usesInBrowser(graph, { code, importer, id, calling }))) continue;
		const chain = buildChain(graph, importer);
		if (chain?.[0]?.startsWith(ISLAND_ENTRY)) return [...chain, id];
	}
	return null;
}

async function usesInBrowser(graph: BundleContext, use: { code: string; importer: string; id: string; calling: Set<string> | null }): Promise<boolean> {
	const names: string[] = [];
	let imported = false;
	for (const { specifier, bindings } of importsOf(use.code)) {
		if ((await graph.resolve(specifier, use.importer))?.id !== use.id) continue;
		imported = true;
		for (const binding of bindings) {
			if (!use.calling || binding.imported === '*' || use.calling.has(binding.imported)) names.push(binding.local);
		}
	}
	// Imported in a way this can't follow (a side-effect import, an import() call): assume it's used.
	if (!imported) return true;
	return usesOutsideHydratable(use.code, names);
}

/**
 * What is wrong, without the place (the build's error and `mochi check`'s report each put the file and line
 * first): `getRequestContext() would run in the browser: src/lib/Pure.svelte (client island) → src/lib/util.ts. …`
 */
export function describe(chain: string[], root: string): string {
	const { island, links } = formatChain(chain, root);
	const file = showFile(chain[chain.length - 1], root);
	const instead = `read the context in the page and pass what the island needs as props, or make ${island ?? file} a server island (mochi:defer).`;
	if (island === file) return `getRequestContext() in a client island (mochi:hydrate): the browser runs ${file} as it hydrates, with no request there. Instead, ${instead}`;
	return `getRequestContext() would run in the browser: ${links}. There is no request there: ${instead}`;
}

/** `src/lib/util.ts:4:9: <what is wrong>`, app-relative. */
export function located(finding: BrowserFinding, root: string): string {
	return `${showFile(finding.file, root)}:${finding.line}:${finding.column}: ${finding.message}`;
}
