// The two headers DESIGN.md §7 puts on everything Mochi renders (pages, prerendered pages, error pages,
// 404s, island answers and refusals), unless the app set its own with `setHeaders`.
//   nosniff: a fragment or an error text is never run as a script or a stylesheet by a browser that guesses.
//   strict-origin-when-cross-origin: other sites see only our origin in Referer; our own requests (the
//   island fetch is same-origin) still send the full page URL, which is where an island's `pageUrl` comes from.

export const NOSNIFF = 'nosniff';
export const REFERRER_POLICY = 'strict-origin-when-cross-origin';

/** For what is built once (prerendered pages): spread under the page's own headers. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
	'x-content-type-options': NOSNIFF,
	'referrer-policy': REFERRER_POLICY
});

/**
 * Fresh headers for one HTML answer. A literal rather than a spread of SECURITY_HEADERS: V8 clones a
 * literal's shape in one step, and the caller writes the app's own headers over it.
 */
export function htmlHeaders(): Record<string, string> {
	return { 'content-type': 'text/html; charset=utf-8', 'x-content-type-options': NOSNIFF, 'referrer-policy': REFERRER_POLICY };
}
