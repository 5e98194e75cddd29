import { createCookies, type Cookies } from './cookies.js';
import type { RequestContext } from './context.js';
import type { AppRuntime, RequestState } from './state.js';
import { PropsRegistry } from './islands/props-registry.js';
import type { IncomingRequest } from './exchange.js';

export interface ContextInit {
	/**
	 * Its web Request is built only if the app reads `getRequestContext().request` (on Node, building it
	 * was most of what an island request cost); cookies come from `header('cookie')` on first read.
	 */
	request: IncomingRequest;
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
	setCookieHeaders(): string[];
}

export function createRequestState(init: ContextInit): PreparedRequest {
	// Outside an app (component tests) cookies get production's default: what the app will really send.
	const secure = init.app?.secureCookies ?? true;
	const { cookies, setCookieHeaders } = createCookies(() => init.request.header('cookie'), init.request.url, secure);
	const prepared: { -readonly [K in keyof PreparedRequest]: PreparedRequest[K] } = {
		state: undefined as unknown as RequestState,
		headers: null,
		setCookieHeaders
	};
	const context = new Context(init, cookies, (values) => {
		for (const [name, value] of Object.entries(values)) {
			if (name.toLowerCase() === 'set-cookie') {
				throw new Error('setHeaders() cannot set set-cookie: use getRequestContext().cookies.set() instead.');
			}
			// A Headers object checks each name and value here, where the app called setHeaders.
			(prepared.headers ??= new Headers()).set(name, value);
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
	url: URL;
	params: Record<string, string>;
	locals: Record<string, unknown> = {};
	readonly cspNonce: string | undefined;
	#init: ContextInit;
	#pageUrl: URL | undefined;

	constructor(
		init: ContextInit,
		public cookies: Cookies,
		public setHeaders: RequestContext['setHeaders']
	) {
		this.#init = init;
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
