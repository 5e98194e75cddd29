import { inRequest, type AppRuntime } from './state.js';
import { interpretThrown, redirectAnswer } from './thrown.js';
import { applyContextHeaders, createRequestState, type PreparedRequest } from './create-context.js';
import { textAnswer, type Answer, type IncomingRequest } from './exchange.js';
import type { ErrorReporter } from './log.js';
import type { EndpointModule, RouteDefinition } from './app-types.js';
import { TIMED_OUT, TIMEOUT_STATUS, ownDeadline } from './render-timeout.js';

const VERBS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export interface EndpointOptions {
	runtime: AppRuntime;
	onError: ErrorReporter;
	/** The request state a hook already runs in (its `locals`); made here otherwise. */
	prepared?: PreparedRequest;
}

/** Run `export function GET(ctx)` (or another verb) of a `.ts`/`.js` route inside a request context. */
export async function callEndpoint(
	route: RouteDefinition,
	request: IncomingRequest,
	params: Record<string, string>,
	options: EndpointOptions
): Promise<Answer | Response> {
	const module = (await route.load()) as EndpointModule;
	let handler = module[request.method];
	if (handler === undefined && request.method === 'HEAD') handler = module.GET;
	if (typeof handler !== 'function') {
		const allowed = VERBS.filter((v) => typeof module[v] === 'function' || (v === 'HEAD' && typeof module.GET === 'function'));
		return textAnswer(405, `${request.method} is not allowed here.`, { allow: allowed.join(', ') });
	}
	const prepared = options.prepared ?? createRequestState({ request, kind: 'endpoint', params, app: options.runtime });
	try {
		let result: unknown = inRequest(prepared.state, () => (handler as Function)(prepared.state.context));
		// The deadline runs until the handler hands back its Response; streaming that Response's body is not timed.
		const deadline = ownDeadline(options.runtime, prepared);
		if (typeof (result as PromiseLike<unknown> | null)?.then === 'function') {
			const pending = Promise.resolve(result);
			result = deadline ? await deadline(pending, request) : await pending;
		}
		if (result === TIMED_OUT) return endpointTimeoutAnswer();
		if (!(result instanceof Response)) {
			throw new TypeError(`${route.file}: ${request.method} must return a Response, got ${describe(result)}.`);
		}
		// A Response's own headers can be immutable (Response.redirect), so copy into a new one.
		const headers = new Headers(result.headers);
		applyContextHeaders(headers, prepared);
		return new Response(result.body, { status: result.status, statusText: result.statusText, headers });
	} catch (error) {
		return endpointThrown(error, request, prepared, options);
	}
}

/** What a value thrown by an endpoint (or by a hook, for an endpoint's request) becomes: its redirect, its status and message, or a 500. */
export function endpointThrown(error: unknown, request: IncomingRequest, prepared: PreparedRequest, options: EndpointOptions): Answer {
	const thrown = interpretThrown(error, options.runtime.dev);
	if (thrown.type === 'redirect') return redirectAnswer(thrown.status, thrown.location, prepared.setCookieHeaders());
	if (thrown.type === 'crash') options.onError(error, request.request());
	return textAnswer(thrown.status, thrown.message);
}

/** Past the render timeout, for an endpoint (or a hook around one). */
export function endpointTimeoutAnswer(): Answer {
	return textAnswer(TIMEOUT_STATUS, 'Service Unavailable: the endpoint took too long to answer.', { 'cache-control': 'no-store' });
}

function describe(value: unknown): string {
	return value === null ? 'null' : typeof value === 'object' ? (value.constructor?.name ?? 'an object') : typeof value;
}
