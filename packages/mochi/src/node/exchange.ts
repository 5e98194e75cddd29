// Between Node's own request/response and the app's plain IncomingRequest / Answer: no web Request,
// Headers or Response unless the app asks for one (an endpoint, a POST body, a component reading
// `getRequestContext().request`). On an island request those objects cost more than the HMAC and the
// render together (bench/README.md).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Answer, IncomingRequest } from '../runtime/server/exchange.js';
import { abandonRequest, headerFailure, toRequest, writeResponse, type ToRequestOptions } from './request.js';
import { clientAddress } from './client-address.js';

export function fromNodeRequest(req: IncomingMessage, res: ServerResponse, url: URL, options: ToRequestOptions): IncomingRequest {
	let request: Request | undefined;
	let address: string | undefined;
	let abandoned: Error | undefined;
	return {
		method: req.method ?? 'GET',
		url,
		header(name) {
			const value = req.headers[name];
			return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
		},
		clientAddress: () => (address ??= clientAddress(req, options)),
		request() {
			if (request) return request;
			request = toRequest(req, { ...options, res }, url);
			if (abandoned) abandonRequest(request, abandoned);
			return request;
		},
		abandon(reason) {
			abandoned ??= reason;
			if (request) abandonRequest(request, reason);
		}
	};
}

/** An endpoint's Response is streamed (request.ts); an Answer goes out in one write. Never rejects. */
export function writeAnswer(res: ServerResponse, answer: Answer | Response, method: string | undefined): Promise<void> | void {
	if (answer instanceof Response) return writeResponse(res, answer, method ?? 'GET');
	if (res.destroyed) return;
	// writeHead sends the headers at once, so Node can't add a Content-Length itself: it is given here.
	// A HEAD answer carries the GET's length and no body. Written into the answer's own headers, which are
	// this request's (every Answer is made per request): a spread copy of them plus one more key cost V8
	// about 3.5 µs, ten times the assignment (bench/README.md).
	const headers: Record<string, string | string[]> = answer.headers;
	headers['content-length'] = String(Buffer.byteLength(answer.body));
	if (answer.cookies.length > 0) headers['set-cookie'] = answer.cookies;
	try {
		res.writeHead(answer.status, headers).end(method === 'HEAD' ? undefined : answer.body);
	} catch {
		// A header value Node refuses (setHeaders with a control character): still one clear answer.
		headerFailure(res);
	}
}
