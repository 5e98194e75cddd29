import type { Plugin } from 'vite';
import type { PluginContext } from './context.js';
import { buildChain, devChain, formatChain, toFile } from './import-chain.js';
import { findingsReporter, type BrowserFinding, type FindingsReporter } from './browser-findings.js';

const SERVER_FILE = /\.server\.[mc]?[jt]s$/;

/**
 * Server-only: the app's own `src/lib/server/**` and `*.server.{ts,js}` files (packages in
 * node_modules are their authors' business). Drive letters compare without case, as Windows does.
 */
export function isServerOnly(id: string, root: string): boolean {
	if (id.startsWith('\0')) return false;
	const file = toFile(id);
	const base = toFile(root).replace(/\/+$/, '') + '/';
	const inside = /^[a-z]:\//i.test(base) ? file.toLowerCase().startsWith(base.toLowerCase()) : file.startsWith(base);
	if (!inside) return false;
	const relative = file.slice(base.length);
	if (relative.split('/').includes('node_modules')) return false;
	return relative.startsWith('src/lib/server/') || SERVER_FILE.test(relative);
}

/** `src/lib/Counter.svelte (client island) → src/lib/format.ts → src/lib/server/db.ts`, app-relative. */
export function describeChain(chain: string[], root: string): string {
	const { target, links } = formatChain(chain, root);
	return `${target} is server-only, but the browser would load it: ${links}`;
}

/**
 * mochi:server-only — code meant for the server (secrets, database clients) must never reach the
 * browser. Acts only where the browser's code is made: the client build fails naming the chain of
 * imports from the island, and in dev the browser's request for such a module is an error (Vite's
 * overlay and a 500). Pages and server islands render on the server and import these freely.
 */
export function serverOnlyPlugin(context: PluginContext): Plugin {
	// Component tests (vitest, DOM environments) may import anything they test.
	let vitest = false;
	let report: FindingsReporter | null = null;
	return {
		name: 'mochi:server-only',
		config(config) {
			vitest = 'test' in config;
			report = findingsReporter(config);
		},
		applyToEnvironment: (environment) => environment.config.consumer === 'client',
		load(id) {
			// Dev only: the browser asked Vite for this module. (The build checks its whole graph at the end.)
			if (vitest || this.environment.mode !== 'dev' || !isServerOnly(id, context.root)) return;
			this.error(describeChain(devChain(this.environment, id), context.root));
		},
		buildEnd(error) {
			if (error || vitest) return;
			const findings: BrowserFinding[] = [];
			for (const id of this.getModuleIds()) {
				if (!isServerOnly(id, context.root)) continue;
				const chain = buildChain(this, id);
				if (!chain) continue;
				if (!report) this.error(describeChain(chain, context.root));
				// `mochi check`: at the module that imports it (the import's line isn't known here).
				findings.push({ file: toFile(chain[chain.length - 2] ?? id), line: 1, column: 1, message: describeChain(chain, context.root) });
			}
			if (findings.length) report?.(findings);
		}
	};
}
