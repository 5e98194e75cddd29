// Request targets other than a plain path (RFC 9112 §3.2), settled at the entrance so that nothing after
// it (the prerendered pages, the island prefix, polka, sirv, the app) sees anything but origin-form.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What Mochi's routes can answer: the `allow` of `OPTIONS *`. */
const SERVER_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';

/**
 * For a target that does not start with `/`. Absolute-form (`GET http://host/x`), which a server must
 * accept (RFC 9112 §3.2.2), becomes origin-form: `req.url` is its path and query, and its authority
 * replaces the Host header, as the RFC says. Returns true when the request can go on; otherwise it has
 * been answered: `OPTIONS *` (a ping about the server itself, §3.2.4) with 204, anything else with 400.
 */
export function toOriginForm(req: IncomingMessage, res: ServerResponse): boolean {
	const target = req.url ?? '';
	if (target === '*') {
		if (req.method === 'OPTIONS') res.writeHead(204, { allow: SERVER_METHODS }).end();
		else refuse(res, 'The * request target is only for OPTIONS.');
		return false;
	}
	const url = absoluteUrl(target);
	if (!url) {
		refuse(res, 'The request target must be a path or an http(s) URL.');
		return false;
	}
	req.url = url.pathname + url.search;
	req.headers.host = url.host;
	return true;
}

/** An `http:`/`https:` URL with a host and no user info (RFC 9110 §4.2.4 makes that an error), else null. */
function absoluteUrl(target: string): URL | null {
	if (!/^https?:\/\//i.test(target)) return null;
	let url: URL;
	try {
		url = new URL(target);
	} catch {
		return null;
	}
	return url.host && !url.username && !url.password ? url : null;
}

/** A 400 for a request line that no handler should see: short, plain, and not logged. */
export function refuse(res: ServerResponse, message: string): void {
	res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(message)) }).end(message);
}
