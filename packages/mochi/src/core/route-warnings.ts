// Svelte warns "This reference only captures the initial value of `params`" about the code everyone writes
// first in a page: `let { params } = $props(); const post = find(params.slug)`. In a route component (a
// page, a layout, an error page) that can't matter: Mochi renders it once per request, on the server, and
// never hydrates it, so its props never change after that first value. So that one warning is dropped for
// route components, and only there: whatever the browser hydrates (any client island, even a route file
// used as one) re-renders with new values and keeps the warning. Dev, build and vitest decide it per
// compile (a server compile of a route file); `mochi check` after svelte-check, with the islands it scans.
import fs from 'node:fs';
import path from 'node:path';
import { findIslands } from '../preprocess/index.js';
import { scanRoutes, type RouteTree } from './routes/index.js';

export const INITIAL_VALUE_WARNING = 'state_referenced_locally';

/** App-relative paths (forward slashes) of every page, layout and error page. */
export function routeComponents(tree: RouteTree): Set<string> {
	const files = new Set<string>();
	for (const route of tree.routes) {
		if (route.kind !== 'page') continue;
		files.add(route.file);
		for (const layout of route.layouts) files.add(layout);
		if (route.error) files.add(route.error);
	}
	if (tree.rootError) files.add(tree.rootError);
	return files;
}

/** The Svelte `warningFilter` of a server compile of a route component, chained with the app's own. */
export function routeWarningFilter<W extends { code: string }>(own?: (warning: W) => boolean): (warning: W) => boolean {
	return (warning) => warning.code !== INITIAL_VALUE_WARNING && (own ? own(warning) : true);
}

/**
 * For `mochi check`: the app-relative .svelte files used with `mochi:hydrate` anywhere in `files`, as far
 * as a relative or `$lib/` import says (a package's component is never a route file anyway).
 */
export function hydratedFiles(root: string, files: Iterable<string>): Set<string> {
	const hydrated = new Set<string>();
	for (const file of files) {
		const source = path.join(root, file);
		const code = fs.readFileSync(source, 'utf8');
		if (!code.includes('mochi:')) continue;
		for (const use of findIslands(code, { filename: source, root }).islands) {
			if (use.mode === 'plain') continue;
			const target = use.specifier.startsWith('.')
				? path.resolve(path.dirname(source), use.specifier)
				: use.specifier.startsWith('$lib/')
					? path.join(root, 'src/lib', use.specifier.slice('$lib/'.length))
					: null;
			if (target) hydrated.add(path.relative(root, target).split(path.sep).join('/'));
		}
	}
	return hydrated;
}

/**
 * `mochi check`'s filter of svelte-check's diagnostics (`filename` relative to the app, as in the mirror):
 * drops the warning in route components that nothing hydrates. `svelteFiles`: the app's .svelte files.
 * The routes are those of `src/routes` (check doesn't load vite.config.ts); a routes folder that can't
 * be scanned filters nothing, as the build reports it.
 */
export function checkWarningFilter(root: string, svelteFiles: Iterable<string>): (diagnostic: { code?: string | number; filename: string }) => boolean {
	let routes: Set<string>;
	try {
		routes = routeComponents(scanRoutes({ root }));
	} catch {
		return () => true;
	}
	const hydrated = hydratedFiles(root, svelteFiles);
	return (diagnostic) => {
		if (diagnostic.code !== INITIAL_VALUE_WARNING) return true;
		const file = diagnostic.filename.split(path.sep).join('/').replace(/^\.\//, '');
		return !routes.has(file) || hydrated.has(file);
	};
}
