import { createRequestState, type PreparedRequest } from '../runtime/server/create-context.js';
import { fromWebRequest } from '../runtime/server/exchange.js';
import { state } from '../runtime/server/state.js';
import type { RequestKind } from '../runtime/server/context.js';

/** The request a test pretends to serve. Every field is optional. */
export interface TestRequest {
	/** Absolute, or a path resolved against `http://localhost/` (the default). */
	url?: string;
	/** Default `GET`. */
	method?: string;
	headers?: Record<string, string>;
	/** Sent as the `cookie` header, after any given in `headers`. */
	cookies?: Record<string, string>;
	locals?: Record<string, unknown>;
	params?: Record<string, string>;
	/** For an island: the page the visitor is on. Defaults to `url`. */
	pageUrl?: string;
	/** `ctx.clientAddress`. Default `127.0.0.1`. */
	clientAddress?: string;
	/** `ctx.kind`: what answers the request. Default `page` (`setStatus` works only for pages and actions). */
	kind?: RequestKind;
}

const ORIGIN = 'http://localhost/';

/**
 * The request state the runtime itself would create (same cookies, `setHeaders` and locals), with no
 * app behind it: islands are then named after their components (see islands/island-attributes.ts).
 * Cookies get production's default (`Secure` unless the test's code says otherwise), as the app will send them.
 */
export function prepareTestRequest(request: TestRequest = {}): PreparedRequest {
	const url = new URL(request.url ?? ORIGIN, ORIGIN);
	const headers = new Headers(request.headers);
	const clientAddress = request.clientAddress ?? '127.0.0.1';
	const cookies = Object.entries(request.cookies ?? {}).map(([name, value]) => `${name}=${encodeURIComponent(value)}`);
	if (cookies.length) headers.set('cookie', [headers.get('cookie'), ...cookies].filter(Boolean).join('; '));
	const prepared = createRequestState({
		request: fromWebRequest(new Request(url, { method: request.method ?? 'GET', headers }), url, () => clientAddress),
		kind: request.kind,
		params: request.params,
		pageUrl: request.pageUrl === undefined ? undefined : () => new URL(request.pageUrl!, url),
		app: null
	});
	Object.assign(prepared.state.context.locals, request.locals);
	return prepared;
}

/** Run fn inside a request context built from `request`: getRequestContext() works in it, across awaits. */
export function withRequest<T>(request: TestRequest, fn: () => T): T {
	return state.storage.run(prepareTestRequest(request).state, fn);
}
