import path from 'node:path';
import { scanRoutes, type RouteTree } from '../routes/index.js';
import { routeComponents } from '../route-warnings.js';
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
	/** Where warnings go: Vite's logger once the config is resolved. */
	warn(message: string): void;
}

// Each route warning is said once per app and process: not again on every rescan in dev, nor by the second build.
const warned = new Set<string>();

export function createPluginContext(options: ResolvedOptions): PluginContext {
	let tree: RouteTree | null = null;
	let islands: Promise<IslandEntry[]> | null = null;
	const context: PluginContext = {
		options,
		root: process.cwd(),
		buildDir: path.join(process.cwd(), 'build'),
		routes() {
			if (tree) return tree;
			tree = scanRoutes({ root: context.root, routesDir: options.routesDir });
			for (const warning of tree.warnings) {
				const key = `${context.root}\0${warning}`;
				if (warned.has(key)) continue;
				warned.add(key);
				context.warn(`mochi: ${warning}`);
			}
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
		},
		warn: (message) => console.warn(message)
	};
	return context;
}

export function isInside(dir: string, file: string): boolean {
	const relative = path.relative(dir, file);
	return !!relative && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** `file` (absolute) is a page, layout or error page of the app; false while the routes can't be scanned. */
export function isRouteComponent(context: PluginContext, file: string): boolean {
	let tree: RouteTree;
	try {
		tree = context.routes();
	} catch {
		return false; // the scan's own error is reported where routes are used
	}
	return routeComponents(tree).has(path.relative(context.root, file).split(path.sep).join('/'));
}
