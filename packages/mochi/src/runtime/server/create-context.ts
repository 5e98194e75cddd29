import { createCookies, type Cookies } from './cookies.js';
import type { RequestContext } from './context.js';
import type { AppRuntime, RequestState } from './state.js';
import { PropsRegistry } from './islands/props-registry.js';

export interface ContextInit {
	/**
	 * The request, or a function that makes it: the island endpoint on Node builds the web Request only
	 * if a component reads `getRequestContext().request` (it is most of what an island request costs).
	 */
	request: Request | (() => Request);
	url: URL;
	params?: Record<string, string>;
	/** For an island: the page URL the visitor is on, worked out on first read. Defaults to `url`. */
	pageUrl?: () => URL;
	/** The Cookie header, when the caller has it without a Request. Default: read from `request`. */
	cookieHeader?: string | null;
	/** The app serving the request (null only for code that renders outside an app, such as tests). */
	app?: AppRuntime | null;
}

/** A fresh request state, plus what the response needs once rendering is over. */
export interface PreparedRequest {
	state: RequestState;
	/** Headers set with `setHeaders`, lower-cased names; null until the first one is set. */
	readonly headers: Headers | null;
	setCookieHeaders(): string[];
}

export function createRequestState(init: ContextInit): PreparedRequest {
	const { cookieHeader } = init;
	const { cookies, setCookieHeaders } = createCookies(
		cookieHeader !== undefined ? () => cookieHeader : () => context.request.headers.get('cookie'),
		init.url
	);
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
	prepared.state = { context, app: init.app ?? null, islands: [], props: new PropsRegistry(), head: [] };
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
	#init: ContextInit;
	#request: Request | undefined;
	#pageUrl: URL | undefined;

	constructor(
		init: ContextInit,
		public cookies: Cookies,
		public setHeaders: RequestContext['setHeaders']
	) {
		this.#init = init;
		this.url = init.url;
		this.params = init.params ?? {};
		if (typeof init.request !== 'function') this.#request = init.request;
	}

	get request(): Request {
		return (this.#request ??= (this.#init.request as () => Request)());
	}

	get pageUrl(): URL {
		return (this.#pageUrl ??= this.#init.pageUrl?.() ?? this.url);
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
