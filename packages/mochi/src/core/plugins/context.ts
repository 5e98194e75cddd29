import path from 'node:path';
import { scanRoutes, type RouteTree } from '../routes/index.js';
import { scanIslands, type IslandEntry, type Resolve } from '../island-registry.js';
import type { ResolvedOptions } from '../options.js';

export const SERVER_ENTRY_ID = 'virtual:mochi/server-entry';
export const RESOLVED_SERVER_ENTRY_ID = '\0' + SERVER_ENTRY_ID;

/** State shared by the mochi:* plugins of one `mochi()` call: the app's routes and islands, cached. */
export interface PluginContext {
	options: ResolvedOptions;
	root: string;
	/** Where `mochi build` writes (`<root>/build`, or the fresh folder it swaps in at the end: core/build-dir.ts). */
	buildDir: string;
	routes(): RouteTree;
	islands(resolve: Resolve): Promise<IslandEntry[]>;
	/** Forget scanned routes/islands (a file was added, removed or changed its islands). */
	invalidate(): void;
}

export function createPluginContext(options: ResolvedOptions): PluginContext {
	let tree: RouteTree | null = null;
	let islands: Promise<IslandEntry[]> | null = null;
	const context: PluginContext = {
		options,
		root: process.cwd(),
		buildDir: path.join(process.cwd(), 'build'),
		routes() {
			tree ??= scanRoutes({ root: context.root, routesDir: options.routesDir });
			return tree;
		},
		islands(resolve) {
			islands ??= scanIslands(context.root, resolve);
			islands.catch(() => (islands = null));
			return islands;
		},
		invalidate() {
			tree = null;
			islands = null;
		}
	};
	return context;
}

export function isInside(dir: string, file: string): boolean {
	const relative = path.relative(dir, file);
	return !!relative && !relative.startsWith('..') && !path.isAbsolute(relative);
}
