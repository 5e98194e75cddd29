// CSRF (DESIGN.md §7): a browser lets any site send a form to any other, with the visitor's cookies.
// A page on another site can send, without a CORS preflight, only a body with one of the three form content
// types below or with no content type at all (`fetch(url, { method: 'POST', mode: 'no-cors', body: blob })`),
// and browsers say where a request comes from (Origin, Sec-Fetch-Site), so such a cross-site request is refused
// before any app code runs. Same-origin requests, requests without Origin (curl, servers, old browsers) and other
// content types (JSON needs a preflight, which Mochi never grants) pass.
import { textAnswer, type Answer, type IncomingRequest } from '../exchange.js';
import { rateLimited, type Log } from '../log.js';
import type { Check } from './index.js';

/** `mochi({ csrf })` once resolved: `false` turns the check off. */
export type CsrfSettings = false | { trustedOrigins: string[] };

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/**
 * True when a Content-Type names a form type: case, parameters and whitespace don't matter. A header that
 * lists several types (a client sent two) counts as a form if any of them is one; a missing one is no form.
 */
export function isFormContentType(value: string | null): boolean {
	if (!value) return false;
	for (const part of value.split(',')) {
		const end = part.indexOf(';');
		if (FORM_TYPES.has((end === -1 ? part : part.slice(0, end)).trim().toLowerCase())) return true;
	}
	return false;
}

/**
 * True when another site's page could send a body of this Content-Type without a CORS preflight: a form type,
 * or none (a no-cors fetch of a Blob or ArrayBuffer without a type sends no Content-Type header).
 */
export function sendableCrossSite(value: string | null): boolean {
	return value === null || value.trim() === '' || isFormContentType(value);
}

/** Why `request` is a cross-site form submission (or a body sent like one), or null when it is not one. */
export function crossSiteForm(request: IncomingRequest, trusted: ReadonlySet<string>): string | null {
	if (!UNSAFE_METHODS.has(request.method.toUpperCase())) return null;
	if (!sendableCrossSite(request.header('content-type'))) return null;
	const origin = request.header('origin');
	if (origin !== null && trusted.has(origin)) return null;
	// A sandboxed frame, a data: URL or a redirect from another site sends `null`: never ours.
	if (origin === 'null') return 'Origin: null';
	if (origin !== null && origin !== request.url.origin) return `Origin: ${origin.slice(0, 100)}`;
	if (request.header('sec-fetch-site')?.trim().toLowerCase() === 'cross-site') return 'Sec-Fetch-Site: cross-site';
	return null;
}

export function csrfCheck(settings: CsrfSettings, log: Log): Check | null {
	if (settings === false) return null;
	const trusted: ReadonlySet<string> = new Set(settings.trustedOrigins);
	const logRefusal = rateLimited(log);
	return (request): Answer | null => {
		// Reads and islands' GETs, the hot path, leave at the first comparison.
		if (request.method === 'GET' || request.method === 'HEAD') return null;
		const why = crossSiteForm(request, trusted);
		if (!why) return null;
		// The operator's hint goes to the log; a proxy that hides the public origin is the usual cause.
		logRefusal(
			'csrf',
			`[mochi] csrf: refused ${request.method} ${request.url.pathname.slice(0, 200)} (${why}; this app's origin is ` +
				`${request.url.origin}). Behind a proxy, set ORIGIN or MOCHI_TRUST_PROXY=1; to accept a site, ` +
				'add it to mochi({ csrf: { trustedOrigins } }).'
		);
		return textAnswer(403, `Cross-site ${request.method} form submissions are refused (CSRF protection).`, { 'cache-control': 'no-store' });
	};
}
