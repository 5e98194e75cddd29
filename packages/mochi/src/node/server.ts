// The production HTTP server: polka for the chain, sirv for files, the app's plain requests and answers
// (exchange.ts). The order of entrances is the `entrances` list in createServer: fastHandler (prerendered
// pages, from memory, by exact path) → a target that is not a plain path (request-target.ts) → paths under
// `beforeFiles` (the island endpoint: beats every file and route) → polka: URL check (other spellings of a
// path are redirected: canonical-path.ts) → files → handler. Timeouts and limits act on connections, before any of them.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import polka from 'polka';
import type { IError, Middleware, NextHandler, Request as PolkaRequest } from 'polka';
import { requestUrl } from './request.js';
import { fromNodeRequest, writeAnswer } from './exchange.js';
import type { Answer, IncomingRequest } from '../runtime/server/exchange.js';
import { staticFiles } from './static-files.js';
import { canonicalLocation } from './canonical-path.js';
import { refuse, toOriginForm } from './request-target.js';
import { rateLimited } from '../runtime/server/log.js';
import { SERVER_SETTINGS, type ServerSettings } from './env.js';
import { guardSlowReaders } from './slow-readers.js';

/** What the Node server itself enforces (the render timeout lives in the app). Defaults: SERVER_SETTINGS. */
export type ServerLimits = Omit<ServerSettings, 'renderTimeout'>;

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
	/** Bytes a request body may have, except an island request's (the endpoint caps its own). Default: none. */
	bodyLimit?: number | false;
	host?: string;
	port?: number;
	log?: (line: string) => void;
	/** How long `close()` waits for in-flight requests before cutting them off. Default 10 000. */
	shutdownTimeoutMs?: number;
	/** Timeouts and limits (ms, bytes/s, connections; 0: off). Unset ones take the defaults of `mochi({ server })`. */
	limits?: Partial<ServerLimits>;
}

export interface MochiServer {
	server: http.Server;
	listen(): Promise<{ port: number; host: string }>;
	/** Stops accepting, lets in-flight requests finish, force-closes after `shutdownTimeoutMs`. Idempotent. */
	close(): Promise<void>;
}

export function createServer(options: ServerOptions): MochiServer {
	const log = options.log ?? ((line: string) => console.log(line));
	const { handler, beforeFiles, origin, trustProxy, xffDepth, bodyLimit } = options;
	const logFailure = rateLimited(log);
	if (origin) new URL(origin); // a typo'd origin fails at start-up, not on every request
	const files = options.clientDir ? staticFiles(options.clientDir, options.immutablePrefix) : undefined;

	// The URL is checked for every exchange (and handed on); a web Request is built only if the app asks.
	const urls = new WeakMap<http.IncomingMessage, URL>();

	const app = polka({ onError: (error, req, res) => fail(error, req, res, logFailure) });
	const checkUrl: Middleware = (req, res, next) => {
		const url = checkedUrl(req);
		if (!url) return void badRequest(res);
		// `/%61bout`, `/./about`: one 308 to the spelling the prerendered pages, files and prefixes know.
		const location = canonicalLocation(req.url!, url);
		if (location) return void res.writeHead(308, { location, 'content-length': '0' }).end();
		urls.set(req, url);
		return next();
	};
	app.use(checkUrl);
	if (files) app.use((req, res, next) => files(req, res, () => void next()));
	app.use((req, res) => answer(req, res, urls.get(req)!, bodyLimit));

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

	async function answer(req: http.IncomingMessage, res: http.ServerResponse, url: URL, limit: number | false = false) {
		try {
			await writeAnswer(res, await handler(fromNodeRequest(req, res, url, { origin, trustProxy, xffDepth, bodyLimit: limit })), req.method);
		} catch (error) {
			fail(error as Error, req as PolkaRequest, res, logFailure);
		}
	}

	type Entrance = (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
	const islands: Entrance = (req, res) => {
		// A cheap test on the raw target first; the parsed path decides (`/_mochi/island/../x` is no island).
		if (!beforeFiles || !req.url?.startsWith(beforeFiles)) return false;
		const url = checkedUrl(req);
		if (!url) return (badRequest(res), true);
		if (!url.pathname.startsWith(beforeFiles)) return false;
		void answer(req, res, url);
		return true;
	};
	const otherTargets: Entrance = (req, res) => {
		if (req.url?.charCodeAt(0) === 0x2f /* / */) return false;
		if (!toOriginForm(req, res)) return true;
		return options.fastHandler?.(req, res) ?? false;
	};
	/** Every request meets these in this order, and the first that answers (returns true) ends the walk. */
	const entrances: Entrance[] = [
		// 1. What is served from memory, before polka parses anything: it is looked up by the exact path, so a
		//    malformed URL never matches, and the island prefix is not a prerendered path.
		...(options.fastHandler ? [options.fastHandler] : []),
		// 2. A target that is not a path: `GET http://host/x` becomes `GET /x` (and may be a prerendered page
		//    after all); `OPTIONS *` is answered, anything else refused (request-target.ts).
		otherTargets,
		// 3. The island endpoint: no file or route can shadow it.
		islands,
		// 4. A #fragment is no part of a request target (RFC 9112 §3.2), and polka drops it before the URL check
		//    could see that `/about#x` is another spelling of `/about`.
		(req, res) => req.url!.includes('#') && (refuse(res, 'A request target has no #fragment.'), true),
		// 5. polka: URL check, files, the app. Its handler starts its own chain when `next` is absent.
		(req, res) => (app.handler(req as PolkaRequest, res, undefined as unknown as NextHandler), true)
	];

	const limits = serverLimits(options.limits);
	const server = http.createServer({
		headersTimeout: limits.headersTimeout,
		requestTimeout: limits.bodyTimeout,
		keepAliveTimeout: limits.keepAliveTimeout,
		// Node checks the header and request timeouts on this beat (30 s by default, longer than either of ours).
		connectionsCheckingInterval: checkingInterval(limits)
	});
	if (limits.maxConnections > 0) server.maxConnections = limits.maxConnections;
	guardSlowReaders(server, { sendTimeout: limits.sendTimeout, minSendRate: limits.minSendRate, log });

	let closing: Promise<void> | undefined;
	server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
		if (closing) {
			// Draining: finish this exchange, then let the socket go instead of keeping it alive.
			res.setHeader('connection', 'close');
		}
		res.once('close', () => closing && setImmediate(() => server.closeIdleConnections()));
		for (const entrance of entrances) if (entrance(req, res)) return;
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

function serverLimits(given: Partial<ServerLimits> = {}): ServerLimits {
	const limits = {} as ServerLimits;
	for (const key of Object.keys(SERVER_SETTINGS) as Array<keyof ServerSettings>) {
		if (key !== 'renderTimeout') limits[key] = given[key] ?? SERVER_SETTINGS[key].fallback;
	}
	return limits;
}

/** A quarter of the shorter request timeout, so a slow request is cut within 25 % of its limit. */
function checkingInterval({ headersTimeout, bodyTimeout }: ServerLimits): number {
	const shortest = Math.min(headersTimeout || Infinity, bodyTimeout || Infinity);
	return shortest === Infinity ? 30_000 : Math.max(100, Math.min(30_000, Math.floor(shortest / 4)));
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

/**
 * The last net: one log line (rate-limited: a client repeating a request that fails must not flood the
 * log) and a plain 500, never a crash and never a stack in the response. A client that went away is no
 * failure of ours: nothing is logged.
 */
function fail(error: string | IError, req: PolkaRequest, res: http.ServerResponse, log: (key: string, line: string) => void) {
	const message = typeof error === 'string' ? error : error?.stack?.split('\n', 2).join(' ') || String(error);
	if (!req.socket?.destroyed) log('failed', `${req.method} ${(req.originalUrl ?? req.url)?.slice(0, 200)} failed: ${message.replace(/\s+/g, ' ')}`);
	try {
		if (res.headersSent) return void res.destroy();
		res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Internal Server Error');
	} catch {
		res.destroy();
	}
}
