import { createCookies, type Cookies } from './cookies.js';
import type { RequestContext, RequestKind } from './context.js';
import type { AppRuntime, RequestState } from './state.js';
import { PropsRegistry } from './islands/props-registry.js';
import type { IncomingRequest } from './exchange.js';

export interface ContextInit {
	/**
	 * Its web Request is built only if the app reads `getRequestContext().request` (on Node, building it
	 * was most of what an island request cost); cookies come from `header('cookie')` on first read.
	 */
	request: IncomingRequest;
	/** What answers the request; `page` unless said. */
	kind?: RequestKind;
	params?: Record<string, string>;
	/** For an island: the page URL the visitor is on, worked out on first read. Defaults to the request URL. */
	pageUrl?: () => URL;
	/** The app serving the request (null only for code that renders outside an app, such as tests). */
	app?: AppRuntime | null;
	/** A page's CSP nonce (`ctx.cspNonce`), when `mochi({ csp })` is on. */
	cspNonce?: string;
}

/** A fresh request state, plus what the response needs once rendering is over. */
export interface PreparedRequest {
	state: RequestState;
	/** Headers set with `setHeaders`, lower-cased names; null until the first one is set. */
	readonly headers: Headers | null;
	/** What `setStatus()` set (pages only); null until then. */
	readonly status: number | null;
	setCookieHeaders(): string[];
	/**
	 * Hooks only: the `set-cookie` lines already in the Response that `resolve()` gave (see `markSent`),
	 * and the headers set since. Null while nothing was sent.
	 */
	readonly sent: { cookies: Set<string>; headers: Headers | null } | null;
	/**
	 * True while a hook runs the request (app.ts `withHooks`): the render timeout already races the hook and
	 * all it resolves to, so the page, island or endpoint does not start a second timer of the same length
	 * (one timer and two promises less per request; the outer one, started first, always fired first anyway).
	 */
	timed: boolean;
}

export function createRequestState(init: ContextInit): PreparedRequest {
	// Outside an app (component tests) cookies get production's default: what the app will really send.
	const secure = init.app?.secureCookies ?? true;
	const { cookies, setCookieHeaders } = createCookies(() => init.request.header('cookie'), init.request.url, secure);
	const prepared: { -readonly [K in keyof PreparedRequest]: PreparedRequest[K] } = {
		state: undefined as unknown as RequestState,
		headers: null,
		status: null,
		setCookieHeaders,
		sent: null,
		timed: false
	};
	const kind = init.kind ?? 'page';
	const setStatus = kind === 'page' || kind === 'action' ? (status: number) => void (prepared.status = pageStatus(status)) : NO_STATUS[kind];
	const context = new Context(init, kind, cookies, setStatus, (values) => {
		for (const [name, value] of Object.entries(values)) {
			if (name.toLowerCase() === 'set-cookie') {
				throw new Error('setHeaders() cannot set set-cookie: use getRequestContext().cookies.set() instead.');
			}
			// A Headers object checks each name and value here, where the app called setHeaders.
			(prepared.headers ??= new Headers()).set(name, value);
			if (prepared.sent) (prepared.sent.headers ??= new Headers()).set(name, value);
		}
	});
	prepared.state = { context, request: init.request, app: init.app ?? null, islands: [], props: new PropsRegistry(), head: [] };
	return prepared;
}

/**
 * A class, not an object literal: a literal with getters costs V8 over a microsecond to create, a fair
 * share of a whole island request. `request` and `pageUrl` are getters on the prototype (made on first
 * read); everything else is an own property, and `setHeaders` a closure, so destructuring it works.
 */
class Context implements RequestContext {
	kind: RequestKind;
	url: URL;
	params: Record<string, string>;
	locals: Record<string, unknown> = {};
	readonly cspNonce: string | undefined;
	#init: ContextInit;
	#pageUrl: URL | undefined;

	constructor(
		init: ContextInit,
		kind: RequestKind,
		public cookies: Cookies,
		public setStatus: RequestContext['setStatus'],
		public setHeaders: RequestContext['setHeaders']
	) {
		this.#init = init;
		this.kind = kind;
		this.url = init.request.url;
		this.params = init.params ?? {};
		this.cspNonce = init.cspNonce;
	}

	get request(): Request {
		return this.#init.request.request();
	}

	get pageUrl(): URL {
		return (this.#pageUrl ??= this.#init.pageUrl?.() ?? this.url);
	}

	get clientAddress(): string {
		return this.#init.request.clientAddress();
	}
}

/** A status a page can render its own markup with: no 1xx, no 3xx (a redirect needs a location), no bodiless 204/205. */
function pageStatus(status: number): number {
	if (!Number.isInteger(status) || status < 200 || status > 599) {
		throw new RangeError(`setStatus(status): status must be an integer from 200 to 599, got ${describe(status)}`);
	}
	if (status >= 300 && status < 400) {
		throw new RangeError(`setStatus(${status}): a ${status} needs a location: throw redirect(${status}, location) instead`);
	}
	if (status === 204 || status === 205) {
		throw new RangeError(`setStatus(${status}): a ${status} has no body, and a page is its markup`);
	}
	return status;
}

function describe(value: unknown): string {
	return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

// Made once: an endpoint or island context costs no extra closure for a method it refuses.
const NO_STATUS: Record<'endpoint' | 'island', RequestContext['setStatus']> = {
	endpoint: () => {
		throw new Error('setStatus() sets the status of a page. An endpoint returns its own Response: new Response(body, { status }) or json(data, { status }).');
	},
	island: () => {
		throw new Error(
			"setStatus() sets the status of a page. An island's HTML goes into a page that was already sent: render the state " +
				"you want to show, or throw error(status, message) to keep the island's fallback."
		);
	}
};

/**
 * The page URL of an island request: the Referer when it is on the same origin, else the island URL.
 * A cross-origin Referer is ignored so an island never reasons about another site's URL.
 */
export function pageUrlFromReferer(referer: string | null, url: URL): URL {
	if (!referer) return url;
	try {
		const page = new URL(referer);
		return page.origin === url.origin ? page : url;
	} catch {
		return url;
	}
}

/**
 * `resolve()` has answered: what the context holds so far is in that Response. A hook may still set
 * cookies and headers on `ctx` afterwards; `unsent()` gives those, for the Response the hook returns.
 */
export function markSent(prepared: PreparedRequest): void {
	(prepared as { sent: PreparedRequest['sent'] }).sent = { cookies: new Set(prepared.setCookieHeaders()), headers: null };
}

/** What the context collected that no Response carries yet: everything, if `resolve()` never answered. */
export function unsent(prepared: PreparedRequest): { headers: Headers | null; cookies: string[] } {
	const { sent } = prepared;
	if (!sent) return { headers: prepared.headers, cookies: prepared.setCookieHeaders() };
	return { headers: sent.headers, cookies: prepared.setCookieHeaders().filter((cookie) => !sent.cookies.has(cookie)) };
}

/** `base` with the headers set with `setHeaders` over it (cookies go separately: `setCookieHeaders`). */
export function withContextHeaders(base: Record<string, string>, prepared: PreparedRequest): Record<string, string> {
	if (prepared.headers) for (const [name, value] of prepared.headers) base[name] = value;
	return base;
}

/** Copy what the context collected (setHeaders, cookies) onto a response's headers. */
export function applyContextHeaders(target: Headers, prepared: PreparedRequest): void {
	if (prepared.headers) for (const [name, value] of prepared.headers) target.set(name, value);
	for (const cookie of prepared.setCookieHeaders()) target.append('set-cookie', cookie);
}
