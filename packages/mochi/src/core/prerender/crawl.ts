// Build time: what a link found on a prerendered page means. SvelteKit's rule, narrowed to what Mochi
// marks: a link to a page with `prerender = true` is prerendered too (even params entries() left out);
// a link to a file, an endpoint or an on-demand page is left to the server; a link nothing answers fails the build.
import fs from 'node:fs';
import path from 'node:path';
import type { MochiApp } from '../../runtime/server/app.js';
import type { RouteDefinition } from '../../runtime/server/app-types.js';

export type LinkTarget =
	| { kind: 'prerender'; route: RouteDefinition; params: Record<string, string> }
	| { kind: 'elsewhere' }
	| { kind: 'missing' };

export interface CrawlContext {
	app: MochiApp;
	/** build/client: `static/` and the hashed assets, which sirv serves before any route. */
	clientDir: string;
	/** `{assetPrefix}/`: Mochi's own files and the island endpoint, never pages. */
	assetPath: string;
	/** Route ids with `prerender = true`. */
	prerendered: Set<string>;
}

export function linkTarget(pathname: string, context: CrawlContext): LinkTarget {
	if (pathname.startsWith(context.assetPath)) return { kind: 'elsewhere' };
	if (isFile(pathname, context.clientDir)) return { kind: 'elsewhere' };
	const found = context.app.matchRoute(pathname);
	if (!found) return { kind: 'missing' };
	if (found.route.kind !== 'page' || !context.prerendered.has(found.route.id)) return { kind: 'elsewhere' };
	return { kind: 'prerender', route: found.route, params: found.params };
}

/** As sirv finds it (node/static-files.ts): the file itself, or with `.html`, or a folder's `index.html`. */
function isFile(pathname: string, clientDir: string): boolean {
	let decoded: string;
	try {
		decoded = decodeURIComponent(pathname);
	} catch {
		return false;
	}
	const base = path.join(clientDir, decoded);
	if (!base.startsWith(clientDir + path.sep) && base !== clientDir) return false;
	return [base, `${base}.html`, `${base}.htm`, path.join(base, 'index.html')].some((file) => fs.statSync(file, { throwIfNoEntry: false })?.isFile());
}
