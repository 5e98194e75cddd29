import type { Segment } from '../../runtime/shared/routes.js';

export type { Segment };

/** One page or endpoint found under the routes folder. */
export interface RouteFile {
	/** Route id, e.g. `/blog/[slug]`; `/` for the root index. */
	id: string;
	kind: 'page' | 'endpoint';
	/** Path relative to the app root, forward slashes: `src/routes/blog/[slug].svelte`. */
	file: string;
	/** App-relative `_layout.svelte` files wrapping this page, outermost first; `[]` for endpoints. */
	layouts: string[];
	/** Nearest `_error.svelte` at or above the page's folder; `null` for endpoints or when there is none. */
	error: string | null;
	segments: Segment[];
}

export interface RouteTree {
	/** Sorted by priority: the first route that matches a URL wins. */
	routes: RouteFile[];
	/** `_error.svelte` at the top of the routes folder: renders 404s that match no route. */
	rootError: string | null;
	/** Things worth telling the user that do not stop the build. */
	warnings: string[];
}
