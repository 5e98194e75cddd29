// `Handle` and `sequence()`: the types and the composition of `src/hooks.server.ts`. Nothing here imports
// Node: the browser entry exports `sequence` too. What runs a handle is hooks.ts.
import type { RequestContext } from './context.js';

/** Answers the request as if there were no hook (the page, endpoint or island), as a web Response. */
export type Resolve = () => Promise<Response>;

/**
 * `export const handle: Handle = async (ctx, resolve) => …` in `src/hooks.server.ts`: runs around every
 * request Mochi answers at request time. Return `resolve()`'s Response (read or changed), or your own.
 */
export type Handle = (ctx: RequestContext, resolve: Resolve) => Response | Promise<Response>;

/**
 * Several handles as one, run in order: each one's `resolve()` runs the next, and the last one's runs the
 * page. A handle that returns without calling `resolve()` answers for all of them.
 *
 * ```ts
 * const first: Handle = async (ctx, resolve) => { console.log('first in'); const r = await resolve(); console.log('first out'); return r; };
 * const second: Handle = async (ctx, resolve) => { console.log('second in'); const r = await resolve(); console.log('second out'); return r; };
 * export const handle = sequence(first, second);
 * // first in, second in, (the page renders), second out, first out
 * ```
 */
export function sequence(...handles: Handle[]): Handle {
	handles.forEach((handle, i) => {
		if (typeof handle !== 'function') {
			throw new TypeError(`sequence(...handles): handle ${i + 1} of ${handles.length} is ${describe(handle)}, not a function (ctx, resolve) => Response`);
		}
	});
	return (ctx, resolve) => {
		const run = (i: number): Response | Promise<Response> => (i === handles.length ? resolve() : handles[i](ctx, async () => run(i + 1)));
		return run(0);
	};
}

function describe(value: unknown): string {
	return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
