import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import type { PluginContext } from './context.js';

export const CSS_MANIFEST_FILE = 'mochi-css.json';

type ModuleInfoLookup = (id: string) => { importedIds: readonly string[]; meta: Record<string, any> } | null;

/**
 * mochi:css — at the server build, gathers the CSS of every component each page statically imports
 * (its layouts, its own components, and the islands it places, so an island's styles are on the page
 * before its HTML arrives) into one hashed file per page, and writes `{ routeId: [href] }`.
 * vite-plugin-svelte keeps each component's compiled CSS in its module's `meta.svelte.css`.
 */
export function cssPlugin(context: PluginContext): Plugin {
	const files = new Map<string, string>();
	let outDir = '';
	return {
		name: 'mochi:css',
		apply: (_, env) => env.command === 'build' && !!env.isSsrBuild,
		configResolved() {
			outDir = path.join(context.buildDir, 'client');
		},
		generateBundle() {
			const lookup: ModuleInfoLookup = (id) => this.getModuleInfo(id);
			const abs = (file: string) => path.resolve(context.root, file);
			const tree = context.routes();
			const stylesheets: Record<string, string[]> = {};
			const byHash = new Map<string, string>();
			const add = (key: string, entries: string[]) => {
				const css = collectCss(lookup, entries.map(abs));
				if (!css) return;
				const hash = createHash('sha256').update(css).digest('base64url').slice(0, 10).replace(/[-_]/g, 'x');
				// Pages with the same styles (often just their layout's) share one file, one URL, one download.
				let file = byHash.get(hash);
				if (!file) {
					file = `${context.options.assetPrefix.slice(1)}/assets/${cssName(key)}-${hash}.css`;
					byHash.set(hash, file);
					files.set(file, css);
				}
				stylesheets[key] = [`/${file}`];
			};
			// A page's stylesheet carries its error page's CSS too: an error is rendered inside the page's layouts.
			for (const route of tree.routes) {
				if (route.kind === 'page') add(route.id, [...route.layouts, route.file, ...(route.error ? [route.error] : [])]);
			}
			const rootLayout = path.join(context.options.routesDir, '_layout.svelte');
			add('404', [...(fs.existsSync(abs(rootLayout)) ? [rootLayout] : []), ...(tree.rootError ? [tree.rootError] : [])]);
			this.emitFile({ type: 'asset', fileName: CSS_MANIFEST_FILE, source: JSON.stringify(stylesheets, null, '\t') });
		},
		writeBundle() {
			for (const [file, css] of files) {
				fs.mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
				fs.writeFileSync(path.join(outDir, file), css);
			}
		}
	};
}

/** Depth-first over static imports, dependencies before dependents, each component's CSS once. */
export function collectCss(lookup: ModuleInfoLookup, entries: string[]): string {
	const seen = new Set<string>();
	const parts: string[] = [];
	const visit = (id: string) => {
		if (seen.has(id)) return;
		seen.add(id);
		const info = lookup(id);
		if (!info) return;
		for (const imported of info.importedIds) visit(imported);
		const css = info.meta?.svelte?.css?.code;
		if (typeof css === 'string' && css.trim()) parts.push(css.trim());
	};
	for (const entry of entries) visit(entry);
	return parts.join('\n');
}

function cssName(routeId: string): string {
	return routeId === '/' ? 'index' : routeId.replace(/^\//, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'page';
}
