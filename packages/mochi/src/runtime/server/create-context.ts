import { createCookies } from './cookies.js';
import type { RequestContext } from './context.js';
import type { AppRuntime, RequestState } from './state.js';
import { PropsRegistry } from './islands/props-registry.js';

export interface ContextInit {
	request: Request;
	url: URL;
	params?: Record<string, string>;
	/** For an island: the page URL the visitor is on. Defaults to `url`. */
	pageUrl?: URL;
	/** The app serving the request (null only for code that renders outside an app, such as tests). */
	app?: AppRuntime | null;
}

/** A fresh request state, plus what the response needs once rendering is over. */
export interface PreparedRequest {
	state: RequestState;
	/** Headers set with `setHeaders`, lower-cased names. */
	headers: Headers;
	setCookieHeaders(): string[];
}

export function createRequestState(init: ContextInit): PreparedRequest {
	const { cookies, setCookieHeaders } = createCookies(init.request, init.url);
	const headers = new Headers();
	const context: RequestContext = {
		request: init.request,
		url: init.url,
		pageUrl: init.pageUrl ?? init.url,
		params: init.params ?? {},
		cookies,
		locals: {},
		setHeaders(values) {
			for (const [name, value] of Object.entries(values)) {
				if (name.toLowerCase() === 'set-cookie') {
					throw new Error('setHeaders() cannot set set-cookie: use getRequestContext().cookies.set() instead.');
				}
				headers.set(name, value);
			}
		}
	};
	return { state: { context, app: init.app ?? null, islands: [], props: new PropsRegistry(), head: [] }, headers, setCookieHeaders };
}

/**
 * The page URL of an island request: the Referer when it is on the same origin, else the island URL.
 * A cross-origin Referer is ignored so an island never reasons about another site's URL.
 */
export function pageUrlFromReferer(request: Request, url: URL): URL {
	const referer = request.headers.get('referer');
	if (!referer) return url;
	try {
		const page = new URL(referer);
		return page.origin === url.origin ? page : url;
	} catch {
		return url;
	}
}

/** Copy what the context collected (setHeaders, cookies) onto a response's headers. */
export function applyContextHeaders(target: Headers, prepared: PreparedRequest): void {
	for (const [name, value] of prepared.headers) target.set(name, value);
	for (const cookie of prepared.setCookieHeaders()) target.append('set-cookie', cookie);
}
