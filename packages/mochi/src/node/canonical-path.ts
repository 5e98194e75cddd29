// One spelling per path. `/%61bout`, `/./about` and `/docs/x/../guide` name the same resource as `/about` and
// `/docs/guide` (RFC 3986 §6.2.2: percent-encoded unreserved characters, hex case, dot segments), but only
// the canonical spelling is a key of the prerendered pages, a file under the asset prefix or the island
// endpoint. Every other spelling is redirected to it, so a page built once is never rendered again on
// demand and no spelling slips past a prefix check.
// Left as they are, because they are different resources: the case of the path (`/ABOUT`), empty
// segments (`//about`, a 404), a trailing slash (the router redirects it), encoded reserved characters
// (`%2F` is not `/`).

/** False for nearly every target: only one with a `%` or a `/.` can be spelled another way. */
export function mayBeNonCanonical(target: string): boolean {
	return target.includes('%') || target.includes('/.');
}

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
 * Where to redirect `target` (path and query, as received), or null when it is canonical already.
 * Never a `//…` location, which a browser would take for another host.
 */
export function canonicalLocation(target: string): string | null {
	const queryAt = target.indexOf('?');
	const path = queryAt === -1 ? target : target.slice(0, queryAt);
	const canonical = canonicalPath(path);
	if (canonical === path || canonical.startsWith('//')) return null;
	return queryAt === -1 ? canonical : canonical + target.slice(queryAt);
}
