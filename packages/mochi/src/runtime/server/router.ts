import { compareRoutes, type Segment } from '../shared/routes.js';

export interface CompiledRoute<T> {
	id: string;
	segments: Segment[];
	data: T;
}

export interface RouteMatch<T> {
	route: CompiledRoute<T>;
	params: Record<string, string>;
	/** The pathname ended in `/` (and is not `/`): the caller redirects to the form without it. */
	trailingSlash: boolean;
}

export type Router<T> = (pathname: string) => RouteMatch<T> | null;

/**
 * Builds the request-time matcher. All sorting and indexing happens here, once, so a request
 * costs one Map lookup for a static route and a walk over the dynamic routes otherwise.
 * `pathname` is `URL.pathname`: still percent-encoded, which is why segments are decoded here.
 */
export function createRouter<T>(routes: Array<{ id: string; segments: Segment[]; data: T }>): Router<T> {
	// Re-sorting is cheap and means a caller cannot break priority by passing routes in another order.
	const sorted: CompiledRoute<T>[] = [...routes].sort(compareRoutes);
	const statics = new Map<string, CompiledRoute<T>>();
	const dynamic: CompiledRoute<T>[] = [];

	for (const route of sorted) {
		const restAt = route.segments.findIndex((s) => s.type === 'rest');
		if (restAt !== -1 && restAt !== route.segments.length - 1) {
			throw new Error(`Route ${route.id}: a rest param must be the last segment.`);
		}
		if (route.segments.every((s) => s.type === 'static')) {
			// Static values never contain `/`, so joining them is an unambiguous key.
			const key = route.segments.map((s) => (s as { value: string }).value).join('/');
			if (!statics.has(key)) statics.set(key, route);
		} else {
			dynamic.push(route);
		}
	}

	return (pathname) => {
		const { raw, trailingSlash } = split(pathname);
		const decoded = raw.map(decode);

		// A static route always outranks a dynamic one matching the same URL, so it can be tried first.
		const key = staticKey(raw, decoded);
		const exact = key === null ? undefined : statics.get(key);
		if (exact) return { route: exact, params: {}, trailingSlash };

		for (const route of dynamic) {
			const params = match(route.segments, raw, decoded);
			if (params) return { route, params, trailingSlash };
		}
		return null;
	};
}

/** `/a/b/` → `['a', 'b']` with a trailing slash; `//` keeps its empty segment so it matches nothing. */
function split(pathname: string): { raw: string[]; trailingSlash: boolean } {
	if (pathname === '' || pathname === '/') return { raw: [], trailingSlash: false };
	const raw = pathname.split('/');
	if (raw[0] === '') raw.shift();
	const trailingSlash = raw.length > 1 && raw[raw.length - 1] === '';
	if (trailingSlash) raw.pop();
	return { raw, trailingSlash };
}

/** `null` for a malformed escape such as `%E0%A4%A` or a lone `%`: the caller decides what that means. */
function decode(segment: string): string | null {
	if (!segment.includes('%')) return segment;
	try {
		return decodeURIComponent(segment);
	} catch {
		return null;
	}
}

/**
 * The Map key for this pathname, or `null` when no static route can match it. A segment that
 * does not decode is compared as written, so a file like `100%.svelte` still matches `/100%`.
 */
function staticKey(raw: string[], decoded: Array<string | null>): string | null {
	const parts: string[] = [];
	for (let i = 0; i < raw.length; i++) {
		const part = decoded[i] ?? raw[i];
		// An encoded `/` (%2F) must not let `/a%2Fb` reach the route `/a/b`.
		if (part === '' || part.includes('/')) return null;
		parts.push(part);
	}
	return parts.join('/');
}

function match(
	segments: Segment[],
	raw: string[],
	decoded: Array<string | null>
): Record<string, string> | null {
	const last = segments[segments.length - 1];
	const hasRest = last?.type === 'rest';
	if (hasRest ? raw.length < segments.length - 1 : raw.length !== segments.length) return null;

	const params: Record<string, string> = {};
	for (let i = 0; i < segments.length; i++) {
		const segment = segments[i];
		if (segment.type === 'rest') {
			const rest = decoded.slice(i);
			if (rest.some((part) => part === null || part === '')) return null;
			params[segment.name] = rest.join('/');
		} else if (segment.type === 'param') {
			const part = decoded[i];
			if (part === null || part === '') return null;
			params[segment.name] = part;
		} else if ((decoded[i] ?? raw[i]) !== segment.value) {
			return null;
		}
	}
	return params;
}
