import { AsyncLocalStorage } from 'node:async_hooks';
import { state } from './state.js';

/**
 * A module is evaluated once and then shared by every request, so it must never see one: a value its top
 * level (or a component's `<script module>`) read from the request context would be served to every later
 * visitor. In `mochi dev` the SSR module runner evaluates a module inside whichever request first imports
 * it; `outsideRequests()` wraps each evaluation (core/plugins/dev-module-evaluation.ts), so there is no
 * request context there, as there is none when `mochi build` loads the pages, and `getRequestContext()`
 * can say which module asked.
 */

// The id of the module being evaluated, on globalThis for the same reason as the request store (state.ts).
const KEY = Symbol.for('mochi-framework.module-evaluation');
const holder = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<ModuleEvaluation> };

export interface ModuleEvaluation {
	/** The module's file (or id). */
	module: string;
	/** A stack trace of the evaluated code, mapped to its source (dev: Vite's `ssrRewriteStacktrace`). */
	mapStack?: (stack: string) => string;
	/**
	 * The module comes bundled with what it imports (`mochi build` loading a page from the server bundle): the
	 * call may be in any of them, and a line of the bundle, which is deleted when the build fails, helps nobody.
	 */
	bundled?: boolean;
}

/** Run a module's evaluation (and everything it awaits) with no request context, noting which module it is. */
export function outsideRequests<T>(evaluation: ModuleEvaluation, evaluate: () => T): T {
	const evaluating = (holder[KEY] ??= new AsyncLocalStorage<ModuleEvaluation>());
	return evaluating.run(evaluation, () => state.storage.exit(evaluate));
}

/** The module being evaluated by `outsideRequests()`, if this code runs inside one's evaluation. */
export function evaluatingModule(): ModuleEvaluation | undefined {
	return holder[KEY]?.getStore();
}
