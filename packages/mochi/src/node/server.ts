// The production HTTP server: polka for the chain, sirv for files, the app's plain requests and answers
// (exchange.ts). Order: fastHandler (prerendered pages, from memory, by exact path) → paths under
// `beforeFiles` (the island endpoint: beats every file and route) → polka: URL check → files → handler.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import polka from 'polka';
import type { IError, Middleware, NextHandler, Request as PolkaRequest } from 'polka';
import { requestUrl } from './request.js';
import { fromNodeRequest, writeAnswer } from './exchange.js';
import type { Answer, IncomingRequest } from '../runtime/server/exchange.js';
import { staticFiles } from './static-files.js';

export interface ServerOptions {
	/** Everything not answered by `fastHandler` or a file. */
	handler: (request: IncomingRequest) => Promise<Answer | Response>;
	/** Paths under this prefix go to `handler` before polka and any file (the island endpoint). */
	beforeFiles?: string;
	/**
	 * Answers straight on Node's objects before anything else runs, with no web Request or Response: for
	 * what is served from memory (prerendered pages). Returns true if it answered.
	 */
	fastHandler?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
	/** Built client assets and copied `static/` files. */
	clientDir?: string;
	/** Files under this URL prefix (e.g. `/_mochi/assets/`) are content-hashed and cached for a year. */
	immutablePrefix?: string;
	/** Fixed public origin for `request.url`, instead of the Host header. */
	origin?: string;
	/** Trust `x-forwarded-proto` / `x-forwarded-host` (right-most values) and `x-forwarded-for`. */
	trustProxy?: boolean;
	/** Proxies that append to `x-forwarded-for` (MOCHI_XFF_DEPTH); default 1. */
	xffDepth?: number;
	host?: string;
	port?: number;
	log?: (line: string) => void;
	/** How long `close()` waits for in-flight requests before cutting them off. Default 10 000. */
	shutdownTimeoutMs?: number;
}

export interface MochiServer {
	server: http.Server;
	listen(): Promise<{ port: number; host: string }>;
	/** Stops accepting, lets in-flight requests finish, force-closes after `shutdownTimeoutMs`. Idempotent. */
	close(): Promise<void>;
}

export function createServer(options: ServerOptions): MochiServer {
	const log = options.log ?? ((line: string) => console.log(line));
	const { handler, beforeFiles, origin, trustProxy, xffDepth } = options;
	if (origin) new URL(origin); // a typo'd origin fails at start-up, not on every request
	const files = options.clientDir ? staticFiles(options.clientDir, options.immutablePrefix) : undefined;

	// The URL is checked for every exchange (and handed on); a web Request is built only if the app asks.
	const urls = new WeakMap<http.IncomingMessage, URL>();

	const app = polka({ onError: (error, req, res) => fail(error, req, res, log) });
	const checkUrl: Middleware = (req, res, next) => {
		const url = checkedUrl(req);
		if (!url) return void badRequest(res);
		urls.set(req, url);
		return next();
	};
	app.use(checkUrl);
	if (files) app.use((req, res, next) => files(req, res, () => void next()));
	app.use((req, res) => answer(req, res, urls.get(req)!));

	/** The request's URL, or null for one no handler should see (a malformed target, host or escape). */
	function checkedUrl(req: http.IncomingMessage): URL | null {
		try {
			const url = requestUrl(req, { origin, trustProxy });
			decodeURI(url.pathname); // `/%E0%A4%A` would throw later in some route's decodeURIComponent
			return url;
		} catch {
			return null;
		}
	}

	async function answer(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
		try {
			await writeAnswer(res, await handler(fromNodeRequest(req, res, url, { origin, trustProxy, xffDepth })), req.method);
		} catch (error) {
			fail(error as Error, req as PolkaRequest, res, log);
		}
	}

	const server = http.createServer();
	let closing: Promise<void> | undefined;
	server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
		if (closing) {
			// Draining: finish this exchange, then let the socket go instead of keeping it alive.
			res.setHeader('connection', 'close');
		}
		res.once('close', () => closing && setImmediate(() => server.closeIdleConnections()));
		// What is served from memory goes first, before polka parses anything: it is looked up by the exact
		// path, so a malformed URL never matches, and the island prefix is not a prerendered path.
		if (options.fastHandler?.(req, res)) return;
		// A cheap test on the raw target first; the parsed path decides (`/_mochi/island/../x` is no island).
		if (beforeFiles && req.url?.startsWith(beforeFiles)) {
			const url = checkedUrl(req);
			if (!url) return void badRequest(res);
			if (url.pathname.startsWith(beforeFiles)) return void answer(req, res, url);
		}
		// polka's handler starts its own chain when `next` is absent.
		app.handler(req as PolkaRequest, res, undefined as unknown as NextHandler);
	});

	return {
		server,
		listen: () =>
			new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(options.port, options.host, () => {
					server.off('error', reject);
					const address = server.address() as AddressInfo;
					resolve({ port: address.port, host: address.address });
				});
			}),
		close: () => (closing ??= drain(server, options.shutdownTimeoutMs ?? 10_000, log))
	};
}

function drain(server: http.Server, timeoutMs: number, log: (line: string) => void): Promise<void> {
	return new Promise((resolve) => {
		const force = setTimeout(() => {
			log(`Shutdown: requests still running after ${timeoutMs} ms, closing their connections`);
			server.closeAllConnections();
		}, timeoutMs);
		force.unref();
		// Resolves once every connection has ended; also when the server never listened.
		server.close(() => {
			clearTimeout(force);
			resolve();
		});
		server.closeIdleConnections();
	});
}

function badRequest(res: http.ServerResponse) {
	res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad Request');
}

/** The last net: one log line and a plain 500, never a crash and never a stack in the response. */
function fail(error: string | IError, req: PolkaRequest, res: http.ServerResponse, log: (line: string) => void) {
	const message = typeof error === 'string' ? error : error?.stack?.split('\n', 2).join(' ') || String(error);
	log(`${req.method} ${req.originalUrl ?? req.url} failed: ${message.replace(/\s+/g, ' ')}`);
	try {
		if (res.headersSent) return void res.destroy();
		res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Internal Server Error');
	} catch {
		res.destroy();
	}
}
