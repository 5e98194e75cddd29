// One spelling per path. `/%61bout`, `/./about` and `/docs/x/../guide` name the same resource as `/about` and
// `/docs/guide` (RFC 3986 §6.2.2: percent-encoded unreserved characters, hex case, dot segments; and what
// WHATWG's URL parser, which the app routes with, makes of `\` and a `#fragment`), but only
// the canonical spelling is a key of the prerendered pages, a file under the asset prefix or the island
// endpoint. Every other spelling is redirected to it, so a page built once is never rendered again on
// demand and no spelling slips past a prefix check.
// Left as they are, because they are different resources: the case of the path (`/ABOUT`), empty
// segments (`//about`, a 404), a trailing slash (the router redirects it), encoded reserved characters
// (`%2F` is not `/`).

/**
 * The canonical spelling of a path (no query): unreserved characters decoded, other escapes in upper
 * case, `.` and `..` segments removed (with `%2e` counted as a dot). Malformed escapes are left alone:
 * the URL check answers them 400.
 */
export function canonicalPath(path: string): string {
	const decoded = path.includes('%') ? path.replace(/%([0-9a-fA-F]{2})/g, normalizeEscape) : path;
	return decoded.includes('/.') ? removeDotSegments(decoded) : decoded;
}

function normalizeEscape(escape: string, hex: string): string {
	const char = String.fromCharCode(parseInt(hex, 16));
	return /[A-Za-z0-9\-._~]/.test(char) ? char : escape.toUpperCase();
}

/** RFC 3986 §5.2.4 on an absolute path: `..` never climbs above the root. */
function removeDotSegments(path: string): string {
	const segments = path.split('/');
	const output: string[] = [];
	for (let i = 1; i < segments.length; i++) {
		const segment = segments[i];
		const last = i === segments.length - 1;
		if (segment === '.' || segment === '..') {
			if (segment === '..' && output.length > 0) output.pop();
			// `/a/.` and `/a/b/..` name the folder: they keep their trailing slash.
			if (last) output.push('');
		} else {
			output.push(segment);
		}
	}
	return '/' + output.join('/');
}

/**
 * Where to redirect `target` (as received), or null when it is spelled canonically already. `url` is
 * how WHATWG's parser read it (the URL check does that for every request anyway), which has resolved
 * dot segments (`%2e` too), turned `\` into `/` and dropped a `#fragment`: any of those, or an escape
 * that `canonicalPath` rewrites, is another spelling. Never a `//…` location, which a browser would take
 * for another host: such a path stays as it is, and matches no route.
 */
export function canonicalLocation(target: string, url: URL): string | null {
	const path = url.pathname;
	// The common case costs one comparison: the target is the parsed path, plus perhaps a query.
	const same = target.length === path.length ? target === path : target.startsWith(path) && target.charCodeAt(path.length) === 0x3f; /* ? */
	if (same && !path.includes('%')) return null;
	const canonical = canonicalPath(path);
	if ((same && canonical === path) || canonical.startsWith('//')) return null;
	return canonical + url.search;
}
