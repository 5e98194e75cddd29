// A page, island or endpoint that never settles (an await on a lost promise, a stuck fetch) would hold its
// connection and its memory for good: past the render timeout the request is answered with a 503 instead.
// The work itself cannot be stopped from outside: its request's signal aborts, so whatever it passed the signal to
// (a fetch, a database query) ends; the rest goes on in the background and whatever it yields is dropped.
import type { IncomingRequest } from './exchange.js';
import { rateLimited, type Log } from './log.js';

/**
 * Default `mochi({ server: { renderTimeout } })`, in ms: above any render a visitor would wait for, and below
 * the 60 s after which common proxies (nginx's proxy_read_timeout, load balancers' idle timeouts) give up with
 * their own 504, so the visitor gets Mochi's answer and the log names the request.
 */
export const DEFAULT_RENDER_TIMEOUT_MS = 30_000;

/** What a request answered by the render timeout gets: 503, as Go's `http.TimeoutHandler` does. */
export const TIMEOUT_STATUS = 503;

/** Returned instead of the work's value once the deadline has passed. */
export const TIMED_OUT: unique symbol = Symbol('mochi.timed-out');

/** `work`, or TIMED_OUT once the render timeout has passed without it settling (logged, rate-limited). */
export type RenderDeadline = <T>(work: Promise<T>, request: IncomingRequest) => Promise<T | typeof TIMED_OUT>;

/**
 * The deadline every request's render runs against. `ms` 0 turns it off. One timer per request, cleared when the
 * work settles and `unref`ed, so neither a fast request nor a shutting-down process waits for it.
 */
export function renderDeadline(ms: number, log: Log): RenderDeadline {
	if (ms === 0) return (work) => work;
	const logTimeout = rateLimited(log);
	return (work, request) =>
		new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				logTimeout(
					'render timeout',
					`[mochi] ${request.method} ${request.url.pathname}: no answer within ${ms} ms (server.renderTimeout), answered ${TIMEOUT_STATUS}`
				);
				request.abandon?.(new Error(`The server gave up on this request after ${ms} ms (server.renderTimeout)`));
				resolve(TIMED_OUT);
			}, ms);
			timer.unref();
			// Settling after the deadline resolves a promise that has already resolved: nothing happens, and a late
			// rejection is handled here rather than reported as unhandled.
			work.then(
				(value) => {
					clearTimeout(timer);
					resolve(value);
				},
				(error: unknown) => {
					clearTimeout(timer);
					reject(error);
				}
			);
		});
}

/**
 * The deadline a page, island or endpoint races: none when a hook runs the request (`prepared.timed`, app.ts
 * `withHooks`), whose deadline already covers the hook and all it resolves to (a second timer of the same
 * length, started later, could never fire first).
 */
export function ownDeadline(runtime: { deadline?: RenderDeadline }, prepared: { timed: boolean }): RenderDeadline | undefined {
	return prepared.timed ? undefined : runtime.deadline;
}
