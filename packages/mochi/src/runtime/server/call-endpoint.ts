import { state, type AppRuntime } from './state.js';
import { interpretThrown, redirectAnswer } from './thrown.js';
import { applyContextHeaders, createRequestState, type PreparedRequest } from './create-context.js';
import { textAnswer, type Answer, type IncomingRequest } from './exchange.js';
import type { ErrorReporter } from './log.js';
import type { EndpointModule, RouteDefinition } from './app-types.js';

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
		const result: unknown = await state.storage.run(prepared.state, () => (handler as Function)(prepared.state.context));
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

function describe(value: unknown): string {
	return value === null ? 'null' : typeof value === 'object' ? (value.constructor?.name ?? 'an object') : typeof value;
}
