// Node's default for an error nobody handles (a rejected promise nobody awaits, a throw in a timer or an event
// handler) is to end the process. In a server that is one app bug away from an outage, and under `--workers` a
// bug hit on every request becomes a crash loop that stops the server for good. Mochi's policy: log the error,
// with the request it came from, rate-limited, and keep serving. Every other request is unaffected; what the
// failed code left half-done is that request's loss, which the log names.
//
// Which request: on Node 20 both events are emitted inside the async context of the code that failed (the
// rejected promise's, the timer's, the emitter's), so the AsyncLocalStorage store of the request is there.
// A throw in a `queueMicrotask` callback is the one case seen without it: it is logged without a request.
import { state, type RequestState } from '../runtime/server/state.js';
import { rateLimited, type Log } from '../runtime/server/log.js';

export type CrashKind = 'unhandled rejection' | 'uncaught exception';

/** One log line per error, naming the request when there is one; at most 20 per kind per 10 s, then a count. */
export function crashReporter(log: Log): (kind: CrashKind, error: unknown) => void {
	const limited = rateLimited(log);
	return (kind, error) => {
		const during = requestOf(state.storage.getStore());
		limited(kind, `[mochi] ${kind}${during ? ` during ${during}` : ''}, the server keeps running: ${describe(error)}`);
	};
}

/**
 * Installs the policy for this process (`node build`, `mochi start`, each worker, `mochi dev`). Returns a
 * function that removes it. Having a listener is what stops Node from exiting, so nothing else is needed.
 */
export function containCrashes(log: Log): () => void {
	const report = crashReporter(log);
	const onRejection = (reason: unknown) => report('unhandled rejection', reason);
	const onException = (error: unknown) => report('uncaught exception', error);
	process.on('unhandledRejection', onRejection);
	process.on('uncaughtException', onException);
	return () => {
		process.off('unhandledRejection', onRejection);
		process.off('uncaughtException', onException);
	};
}

/** `GET /path` (no query: island tokens are long and may be personal). */
function requestOf(store: RequestState | undefined): string | undefined {
	if (!store?.request) return undefined;
	return `${store.request.method} ${store.request.url.pathname.slice(0, 200)}`;
}

/** The stack when there is one (an app bug needs it), else the value itself. */
function describe(error: unknown): string {
	if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
	try {
		return `${typeof error === 'string' ? error : JSON.stringify(error)} (not an Error)`;
	} catch {
		return `${String(error)} (not an Error)`;
	}
}
