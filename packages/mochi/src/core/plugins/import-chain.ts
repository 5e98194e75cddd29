// The walk from a client island to a module it imports, shared by the checks of what must not reach the
// browser (server-only.ts, client-request-context.ts): over the client build's graph, or in dev over the
// importers Vite has seen so far.
import { CLIENT_ISLAND_PREFIX } from './client-islands.js';

export const ISLAND_ENTRY = '\0' + CLIENT_ISLAND_PREFIX;

/** A module id as a plain file path: no query or hash (`?v=123`, `?svelte&type=style`), forward slashes. */
export function toFile(id: string): string {
	return id.replace(/[?#].*$/s, '').replace(/\\/g, '/');
}

/** A module id as the user knows it: relative to the app's root when inside it. */
export function showFile(id: string, root: string): string {
	const base = toFile(root).replace(/\/+$/, '') + '/';
	const file = toFile(id);
	return file.toLowerCase().startsWith(base.toLowerCase()) ? file.slice(base.length) : file;
}

/** `target` and `src/lib/Counter.svelte (client island) → src/lib/format.ts → target`, app-relative. */
export function formatChain(chain: string[], root: string): { target: string; island: string | null; links: string } {
	const fromIsland = chain[0]?.startsWith(ISLAND_ENTRY) ?? false;
	const links = (fromIsland ? chain.slice(1) : chain).map((id) => showFile(id, root));
	const island = fromIsland && links.length > 0 ? links[0] : null;
	if (island) links[0] += ' (client island)';
	return { target: showFile(chain[chain.length - 1], root), island, links: links.join(' → ') };
}

export type Graph = { getModuleInfo(id: string): { isEntry: boolean; importedIds: readonly string[]; dynamicallyImportedIds: readonly string[] } | null; getModuleIds(): IterableIterator<string> };

/** The shortest chain of imports from an entry of the client build to `target`, or null if none reaches it. */
export function buildChain(graph: Graph, target: string): string[] | null {
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
export type DevEnvironment = { moduleGraph?: { getModuleById(id: string): DevNode | undefined } };

/** In dev, the importers Vite has seen so far, walked back towards an island entry (breadth first, bounded). */
export function devChain(environment: DevEnvironment, target: string): string[] {
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
