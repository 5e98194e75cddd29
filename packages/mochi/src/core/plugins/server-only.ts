import type { Plugin } from 'vite';
import type { PluginContext } from './context.js';
import { CLIENT_ISLAND_PREFIX } from './client-islands.js';

const ISLAND_ENTRY = '\0' + CLIENT_ISLAND_PREFIX;
const SERVER_FILE = /\.server\.[mc]?[jt]s$/;

/** A module id as a plain file path: no query or hash (`?v=123`, `?svelte&type=style`), forward slashes. */
function toFile(id: string): string {
	return id.replace(/[?#].*$/s, '').replace(/\\/g, '/');
}

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
	const base = toFile(root).replace(/\/+$/, '') + '/';
	const show = (id: string) => {
		const file = toFile(id);
		return file.toLowerCase().startsWith(base.toLowerCase()) ? file.slice(base.length) : file;
	};
	const links = chain[0]?.startsWith(ISLAND_ENTRY) ? chain.slice(1).map(show) : chain.map(show);
	if (chain[0]?.startsWith(ISLAND_ENTRY) && links.length > 0) links[0] += ' (client island)';
	const target = show(chain[chain.length - 1]);
	return `${target} is server-only, but the browser would load it: ${links.join(' → ')}`;
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
	return {
		name: 'mochi:server-only',
		config(config) {
			vitest = 'test' in config;
		},
		applyToEnvironment: (environment) => environment.config.consumer === 'client',
		load(id) {
			// Dev only: the browser asked Vite for this module. (The build checks its whole graph at the end.)
			if (vitest || this.environment.mode !== 'dev' || !isServerOnly(id, context.root)) return;
			this.error(describeChain(devChain(this.environment, id), context.root));
		},
		buildEnd(error) {
			if (error || vitest) return;
			for (const id of this.getModuleIds()) {
				if (!isServerOnly(id, context.root)) continue;
				const chain = buildChain(this, id);
				if (chain) this.error(describeChain(chain, context.root));
			}
		}
	};
}

type Graph = { getModuleInfo(id: string): { isEntry: boolean; importedIds: readonly string[]; dynamicallyImportedIds: readonly string[] } | null; getModuleIds(): IterableIterator<string> };

/** The shortest chain of imports from an entry of the client build to `target`, or null if none reaches it. */
function buildChain(graph: Graph, target: string): string[] | null {
	const previous = new Map<string, string | null>();
	const queue: string[] = [];
	for (const id of graph.getModuleIds()) {
		if (graph.getModuleInfo(id)?.isEntry) {
			previous.set(id, null);
			queue.push(id);
		}
	}
	// Island entries first, so the chain starts at the island rather than at the runtime.
	queue.sort((a, b) => Number(b.startsWith(ISLAND_ENTRY)) - Number(a.startsWith(ISLAND_ENTRY)));
	for (let next = 0; next < queue.length; next++) {
		const id = queue[next];
		if (id === target) return unwind(previous, target);
		const info = graph.getModuleInfo(id);
		for (const child of [...(info?.importedIds ?? []), ...(info?.dynamicallyImportedIds ?? [])]) {
			if (previous.has(child)) continue;
			previous.set(child, id);
			queue.push(child);
		}
	}
	return null;
}

function unwind(previous: Map<string, string | null>, target: string): string[] {
	const chain = [target];
	for (let id = previous.get(target); id; id = previous.get(id)) chain.unshift(id);
	return chain;
}

type DevNode = { id: string | null; importers: Set<DevNode> };
type DevEnvironment = { moduleGraph?: { getModuleById(id: string): DevNode | undefined } };

/** In dev, the importers Vite has seen so far, walked back towards an island entry (breadth first, bounded). */
function devChain(environment: DevEnvironment, target: string): string[] {
	const start = environment.moduleGraph?.getModuleById(target);
	if (!start) return [target];
	const next = new Map<DevNode, DevNode | null>([[start, null]]);
	const queue = [start];
	// Without an island in sight (Vite hasn't linked every importer yet), the first module nothing imports.
	let found: DevNode | undefined;
	let top: DevNode | undefined;
	for (let index = 0; index < queue.length && index < 10_000; index++) {
		const node = queue[index];
		if (node.id?.startsWith(ISLAND_ENTRY)) {
			found = node;
			break;
		}
		if (node.importers.size === 0) top ??= node;
		for (const importer of node.importers) {
			if (next.has(importer)) continue;
			next.set(importer, node);
			queue.push(importer);
		}
	}
	const chain: string[] = [];
	for (let node: DevNode | null | undefined = found ?? top ?? start; node; node = next.get(node)) chain.push(node.id ?? '');
	return chain.filter(Boolean);
}
