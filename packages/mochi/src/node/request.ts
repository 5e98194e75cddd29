// Converts between Node's `http` objects and the web `Request` / `Response` the runtime speaks.
// Nothing here knows about routes or islands.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { memoryBody } from '../runtime/server/memory-response.js';
import { guardBodyReaders, requestBody } from './request-body.js';

export interface ToRequestOptions {
	/** Fixed public origin (`https://example.com`). Wins over the Host header and any proxy header. */
	origin?: string;
	/**
	 * Take protocol and host from `x-forwarded-proto` / `x-forwarded-host` (only behind a proxy you control),
	 * and the client's address from `x-forwarded-for`.
	 */
	trustProxy?: boolean;
	/** Proxies that append to `x-forwarded-for` (MOCHI_XFF_DEPTH, default 1); see client-address.ts. */
	xffDepth?: number;
	/**
	 * The response paired with `req`. Without it the signal still aborts when the client goes away while the
	 * body is unread, but once Node has read the whole body only the response can tell us the socket closed.
	 */
	res?: ServerResponse;
	/** Bytes a body may have (`mochi({ server: { bodyLimit } })`); past it, reading it rejects with a 413. Default: none. */
	bodyLimit?: number | false;
}

/** Hosts are spliced into a URL string, so anything that could end the authority early is refused. */
const VALID_HOST = /^[a-z0-9.\-_]+(:\d+)?$|^\[[a-f0-9:.]+\](:\d+)?$/i;

/** Throws (a `TypeError`) for a request whose target or host cannot form a URL; the server answers 400. */
export function toRequest(req: IncomingMessage, options: ToRequestOptions = {}, url: URL | string = requestUrl(req, options)): Request {
	const method = req.method ?? 'GET';
	const hasBody = method !== 'GET' && method !== 'HEAD' && hasRequestBody(req);
	const body = hasBody ? requestBody(req, options.bodyLimit ?? false, options.res) : null;
	const init: RequestInit & { duplex: 'half' } = { method, headers: toHeaders(req), body, duplex: 'half' };
	const request = new Request(url, init);
	// On Node 20, giving a Request an AbortSignal triples what it costs to build (see bench/README.md), and
	// most handlers never read it: `request.signal` is made on first use, wired to the same close events.
	let controller: AbortController | undefined;
	let abandoned: Error | undefined;
	Object.defineProperty(request, 'signal', {
		configurable: true,
		get() {
			if (!controller) {
				controller = disconnectController(req, options.res);
				if (abandoned) controller.abort(abandoned);
			}
			return controller.signal;
		}
	});
	(request as Abandonable)[ABANDON] = (reason) => {
		abandoned ??= reason;
		controller?.abort(reason);
	};
	guardBodyReaders(request);
	return request;
}

const ABANDON = Symbol('mochi.abandon');
type Abandonable = Request & { [ABANDON]?: (reason: Error) => void };

/**
 * Aborts the signal of a Request made by `toRequest` with `reason` (now, or when it is first read): the server
 * answered without it (the render timeout), and the client being still connected would keep it alive for good.
 */
export function abandonRequest(request: Request, reason: Error): void {
	(request as Abandonable)[ABANDON]?.(reason);
}

/** Aborts when the client goes away before the response is finished (at once if it already has). */
function disconnectController(req: IncomingMessage, res: ServerResponse | undefined): AbortController {
	const controller = new AbortController();
	const abort = () => controller.abort(new Error('Client disconnected'));
	if (req.errored || (res && res.destroyed && !res.writableFinished)) abort();
	// `close` also fires after a normal exchange; by then nobody listens to the signal.
	req.once('close', () => req.errored && abort());
	res?.once('close', () => res.writableFinished || abort());
	return controller;
}

/** The request's absolute URL; throws (a `TypeError`) when its target or host cannot form one. */
export function requestUrl(req: IncomingMessage, { origin, trustProxy }: ToRequestOptions): URL {
	const target = req.url ?? '/';
	// Origin-form only: `GET //evil.test/x` stays a path because we concatenate instead of resolving.
	if (!target.startsWith('/')) throw new TypeError(`Unsupported request target: ${target.slice(0, 100)}`);
	if (origin) return new URL(new URL(origin).origin + target);

	const encrypted = (req.socket as { encrypted?: boolean }).encrypted;
	const protocol = (trustProxy && last(req.headers['x-forwarded-proto'])?.toLowerCase()) || (encrypted ? 'https' : 'http');
	const host = (trustProxy && last(req.headers['x-forwarded-host'])) || req.headers.host || 'localhost';
	if (protocol !== 'http' && protocol !== 'https') throw new TypeError(`Bad protocol: ${protocol}`);
	if (!VALID_HOST.test(host)) throw new TypeError(`Bad host: ${host.slice(0, 100)}`);
	return new URL(`${protocol}://${host}${target}`);
}

/**
 * The right-most value: what the proxy in front of us wrote. A proxy that appends keeps what the client sent
 * on the left, so the left-most value is the client's own claim (any host it likes), never to be trusted.
 */
function last(value: string | string[] | undefined): string | undefined {
	const raw = Array.isArray(value) ? value.join(',') : value;
	return raw?.slice(raw.lastIndexOf(',') + 1).trim() || undefined;
}

function toHeaders(req: IncomingMessage): Headers {
	const headers = new Headers();
	for (const [name, value] of Object.entries(req.headers)) {
		if (value === undefined || name.startsWith(':')) continue;
		if (Array.isArray(value)) for (const item of value) headers.append(name, item);
		else headers.set(name, value);
	}
	return headers;
}

/** An HTTP/1.1 request carries a body only when it says so (RFC 9112 §6.3). */
function hasRequestBody(req: IncomingMessage): boolean {
	if (req.headers['transfer-encoding']) return true;
	const length = req.headers['content-length'];
	return length !== undefined && Number(length) > 0;
}

/**
 * Writes `response` to `res`, streaming the body with backpressure. Never rejects: if the client goes away
 * the body is cancelled, and if the body fails after the headers went out the socket is destroyed.
 */
export async function writeResponse(res: ServerResponse, response: Response, method: string): Promise<void> {
	const body = method === 'HEAD' ? null : response.body;
	try {
		res.statusCode = response.status;
		if (response.statusText) res.statusMessage = response.statusText;
		for (const [name, value] of response.headers) {
			if (name !== 'set-cookie') res.setHeader(name, value);
		}
		const cookies = response.headers.getSetCookie();
		if (cookies.length > 0) res.setHeader('set-cookie', cookies);
	} catch {
		// A header Node refuses (bad characters): the response is unusable, but the client still gets one.
		await response.body?.cancel().catch(() => {});
		return headerFailure(res);
	}

	if (!body) {
		await response.body?.cancel().catch(() => {});
		if (!res.destroyed) res.end();
		return;
	}
	// A body Mochi built in memory goes out in one write, with its length; the stream is left unread.
	const whole = memoryBody(response);
	if (whole !== undefined) {
		if (!res.destroyed) res.end(whole);
		return;
	}
	await pipe(body, res);
}

/** After a header Node refused: a plain 500 instead, or a cut connection if something was already sent. */
export function headerFailure(res: ServerResponse): void {
	if (res.headersSent) return void res.destroy();
	for (const name of res.getHeaderNames()) res.removeHeader(name);
	if (!res.destroyed) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Internal Server Error');
}

async function pipe(body: ReadableStream<Uint8Array>, res: ServerResponse): Promise<void> {
	const reader = body.getReader();
	const onClose = () => {
		if (!res.writableFinished) reader.cancel().catch(() => {});
	};
	res.once('close', onClose);
	try {
		while (!res.destroyed) {
			const { done, value } = await reader.read();
			if (done) break;
			if (!res.write(value)) await drained(res);
		}
		// Gone before or while we wrote: tell the producer to stop.
		if (res.destroyed) await reader.cancel().catch(() => {});
		else res.end();
	} catch {
		// The body threw after the status line was sent: cutting the connection is the only honest signal left.
		res.destroy();
		reader.cancel().catch(() => {});
	} finally {
		res.off('close', onClose);
	}
}

function drained(res: ServerResponse): Promise<void> {
	return new Promise((resolve) => {
		const done = () => {
			res.off('drain', done);
			res.off('close', done);
			resolve();
		};
		res.on('drain', done);
		res.on('close', done);
	});
}
