import { createRequestState, type PreparedRequest } from '../runtime/server/create-context.js';
import { fromWebRequest } from '../runtime/server/exchange.js';
import { state } from '../runtime/server/state.js';
import type { RequestContext, RequestKind } from '../runtime/server/context.js';
import { requestBody, type TestBody } from './test-body.js';

/** The request a test pretends to serve. Every field is optional. */
export interface TestRequest {
	/** Absolute, or a path resolved against `http://localhost/` (the default). */
	url?: string;
	/** Default `GET`, or `POST` when the request has a body. */
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
	/** A form (`{ name: 'Ada' }`, `FormData` or `URLSearchParams`), sent as a browser's form post would be. */
	form?: TestBody['form'];
	/** Any value, sent as `application/json`. */
	json?: unknown;
	/** The raw body (text, bytes, a Blob); give its `content-type` in `headers`. */
	body?: TestBody['body'];
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
	const { body, method } = requestBody(request, headers);
	const prepared = createRequestState({
		request: fromWebRequest(new Request(url, { method, headers, body }), url, () => clientAddress),
		kind: request.kind,
		params: request.params,
		pageUrl: request.pageUrl === undefined ? undefined : () => new URL(request.pageUrl!, url),
		app: null
	});
	Object.assign(prepared.state.context.locals, request.locals);
	return prepared;
}

/**
 * Run fn inside a request context built from `request`: getRequestContext() works in it, across awaits.
 * fn gets that context, so an endpoint or a form action can be called as Mochi calls it:
 * `await withRequest({ form: { name: 'Ada' } }, POST)` gives the endpoint's Response.
 */
export function withRequest<T>(request: TestRequest, fn: (context: RequestContext) => T): T {
	const { state: requestState } = prepareTestRequest(request);
	return state.storage.run(requestState, () => fn(requestState.context));
}
