// Runs the app's `handle` (src/hooks.server.ts) around one request: pages (404s and error pages
// included), endpoints and islands, inside that request's own context, so `ctx.locals` set here is what
// the page, its layouts, the endpoint or the island reads. What the hook throws is answered as if the
// page, endpoint or island had thrown it. Without a hooks file none of this runs (createHookRunner: null).
//
// The hot path stays cheap: `resolve()` gives a MemoryResponse (no body stream, no Headers until read),
// and a hook that returns it with its body unread goes back to a plain Answer (one `res.end` on Node).
import { state } from './state.js';
import { markSent, unsent, type PreparedRequest } from './create-context.js';
import { MemoryResponse } from './memory-response.js';
import type { Answer } from './exchange.js';
import type { Handle, Resolve } from './sequence.js';
import type { Log } from './log.js';

/** `src/hooks.server.ts` (or `.js`) as the server entry imports it. */
export interface AppHooks {
	/** App-relative, for messages. */
	file: string;
	module: { handle?: unknown };
}

/** What the hook runs around. */
export interface Hooked {
	/** `resolve()`: the page, endpoint or island, answered in the hook's request state. */
	serve(prepared: PreparedRequest): Promise<Answer | Response>;
	/** A value the hook threw (before or after `resolve()`), answered as if the page, endpoint or island had thrown it. */
	thrown(error: unknown, prepared: PreparedRequest): Promise<Answer> | Answer;
}

export type HookRunner = (prepared: PreparedRequest, hooked: Hooked) => Promise<Answer | Response>;

/** The runner for the app's hooks, or null when it has none: then requests go straight to the page, endpoint or island. */
export function createHookRunner(hooks: AppHooks | null | undefined, log: Log): HookRunner | null {
	if (!hooks) return null;
	const handle = hooks.module.handle;
	if (handle === undefined) {
		log(`[mochi] ${hooks.file} exports no \`handle\`: no hook runs. Export one: export const handle: Handle = (ctx, resolve) => resolve();`);
		return null;
	}
	if (typeof handle !== 'function') {
		throw new TypeError(`${hooks.file}: \`handle\` must be a function (ctx, resolve) => Response, got ${describe(handle)}.`);
	}
	return (prepared, hooked) => state.storage.run(prepared.state, () => run(handle as Handle, hooks.file, prepared, hooked));
}

async function run(handle: Handle, file: string, prepared: PreparedRequest, hooked: Hooked): Promise<Answer | Response> {
	let called = false;
	const resolve: Resolve = async () => {
		if (called) throw new Error(`${file}: resolve() was called twice for one request. Call it once and keep its Response.`);
		called = true;
		const answer = await hooked.serve(prepared);
		markSent(prepared);
		return answer instanceof Response ? answer : new MemoryResponse(answer);
	};
	let response: unknown;
	try {
		response = await handle(prepared.state.context, resolve);
		if (!(response instanceof Response)) {
			throw new TypeError(`${file}: handle must return a Response, got ${describe(response)}. Did you forget \`return resolve()\`?`);
		}
		if (response.bodyUsed) {
			throw new TypeError(`${file}: handle returned a Response whose body was already read. Return a new one: new Response(text, response).`);
		}
	} catch (error) {
		return hooked.thrown(error, prepared);
	}
	return withUnsent(response, prepared);
}

/**
 * The hook's Response, plus the cookies and headers set on `ctx` that it doesn't carry yet: all of them
 * when the hook answered on its own, those set after `resolve()` otherwise. An untouched body goes back
 * to an Answer.
 */
function withUnsent(response: Response, prepared: PreparedRequest): Answer | Response {
	const late = unsent(prepared);
	if (response instanceof MemoryResponse) {
		const answer = response.toAnswer();
		if (late.headers) for (const [name, value] of late.headers) answer.headers[name] = value;
		answer.cookies.push(...late.cookies);
		return answer;
	}
	if (!late.headers && late.cookies.length === 0) return response;
	// A Response's own headers can be immutable (Response.redirect, a fetch), so copy into a new one.
	const headers = new Headers(response.headers);
	if (late.headers) for (const [name, value] of late.headers) headers.set(name, value);
	for (const cookie of late.cookies) headers.append('set-cookie', cookie);
	return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (typeof value === 'object') return (value as object).constructor?.name ?? 'an object';
	return typeof value;
}
