// Route shapes shared by the build-time scanner (build/routes) and the request-time router
// (runtime/server/router). Pure and dependency-free so neither side imports the other.

/** One `/`-separated piece of a route: `about`, `[slug]` or `[...path]`. */
export type Segment =
	| { type: 'static'; value: string }
	| { type: 'param'; name: string }
	| { type: 'rest'; name: string };

/**
 * Rank of what a route has at one position; lower goes first. `undefined` means the route has
 * already ended there. It sits between a param and a rest: a longer route goes before a shorter
 * one (they can never match the same URL, so this only fixes the order), but a rest param also
 * matches zero segments, so `/docs` must beat `/docs/[...path]` for the URL `/docs`.
 */
function rank(segment: Segment | undefined): number {
	if (segment === undefined) return 2;
	return segment.type === 'static' ? 0 : segment.type === 'param' ? 1 : 3;
}

/** Orders segment lists by priority: static beats param beats rest, from the left. */
export function compareSegments(a: readonly Segment[], b: readonly Segment[]): number {
	const length = Math.max(a.length, b.length);
	for (let i = 0; i < length; i++) {
		const difference = rank(a[i]) - rank(b[i]);
		if (difference !== 0) return difference;
	}
	return 0;
}

/**
 * The one comparator for route priority, used by the scanner to sort and by the router to
 * re-sort whatever it is given. Equal shapes fall back to the id (code-unit order, not
 * `localeCompare`, so the order never depends on the machine's locale).
 */
export function compareRoutes(
	a: { id: string; segments: readonly Segment[] },
	b: { id: string; segments: readonly Segment[] }
): number {
	return compareSegments(a.segments, b.segments) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The URL pattern a route stands for, ignoring param names: `/blog/[]` for `/blog/[slug]`. */
export function routeShape(segments: readonly Segment[]): string {
	const parts = segments.map((s) => (s.type === 'static' ? s.value : s.type === 'param' ? '[]' : '[...]'));
	return '/' + parts.join('/');
}

/** The route id for a list of segments: `/blog/[slug]`, `/docs/[...path]`, `/` for none. */
export function routeId(segments: readonly Segment[]): string {
	const parts = segments.map((s) =>
		s.type === 'static' ? s.value : s.type === 'param' ? `[${s.name}]` : `[...${s.name}]`
	);
	return '/' + parts.join('/');
}
