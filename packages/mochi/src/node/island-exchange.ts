// The island endpoint on Node's own request and response: no web Request, Headers or Response unless a
// component asks for `getRequestContext().request` (or the token comes in a POST body). On an island
// request those objects cost more than the HMAC and the render together (bench/README.md).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IslandAnswer, IslandRequest } from '../runtime/server/islands/exchange.js';
import { toRequest, type ToRequestOptions } from './request.js';

export function nodeIslandRequest(req: IncomingMessage, res: ServerResponse, url: URL, options: ToRequestOptions): IslandRequest {
	let request: Request | undefined;
	return {
		method: req.method ?? 'GET',
		url,
		header(name) {
			const value = req.headers[name];
			return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
		},
		request: () => (request ??= toRequest(req, { ...options, res }, url))
	};
}

/**
 * One `writeHead` and one `end`, with a Content-Length (writeHead sends the headers at once, so Node
 * cannot add one itself). A HEAD answer carries the GET's length and no body.
 */
export function writeIslandAnswer(res: ServerResponse, answer: IslandAnswer, method: string | undefined): void {
	if (res.destroyed) return;
	const headers: Record<string, string | string[]> = { ...answer.headers, 'content-length': String(Buffer.byteLength(answer.body)) };
	if (answer.cookies.length > 0) headers['set-cookie'] = answer.cookies;
	try {
		res.writeHead(answer.status, headers).end(method === 'HEAD' ? undefined : answer.body);
	} catch {
		// A header value Node refuses (setHeaders with a control character): still one clear answer.
		if (res.headersSent) return void res.destroy();
		for (const name of res.getHeaderNames()) res.removeHeader(name);
		res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Internal Server Error');
	}
}
