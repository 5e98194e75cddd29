// Form actions (DESIGN.md §6): a page's `export const actions` answers its POSTs. Which action runs is
// decided here (`?/name`, or `default`), and what it returns becomes the page's `form` prop. The page is
// then rendered by render-page.ts as for a GET; this file never renders.
import { stringify } from 'devalue';
import type { RequestContext } from './context.js';

export type Action = (context: RequestContext) => unknown | Promise<unknown>;
export type Actions = Record<string, Action>;

const FAILURE = Symbol.for('mochi.action-failure');

/** `fail(400, { missing: true })`: the page renders with that status and `form` set to the data. */
export interface ActionFailure<T = undefined> {
	readonly [FAILURE]: true;
	readonly status: number;
	readonly data: T;
}

export function fail<T = undefined>(status: number, data?: T): ActionFailure<T> {
	if (!Number.isInteger(status) || status < 400 || status > 599) {
		throw new TypeError(`fail(status, data): the status must be an integer from 400 to 599, not ${String(status)}.`);
	}
	return { [FAILURE]: true, status, data: data as T };
}

export function isActionFailure(value: unknown): value is ActionFailure<unknown> {
	return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[FAILURE] === true;
}

/**
 * The action a POST names: `?/signOut` (the query's first key, as SvelteKit spells it), `default` otherwise.
 * `null` for a name no action can have (`?/`, `?/a/b`): answered as an unknown action.
 */
export function actionName(search: string): string | null {
	const query = search.startsWith('?') ? search.slice(1) : search;
	const first = query.split('&')[0] ?? '';
	if (!first.startsWith('/')) return 'default';
	const key = decodeURIComponent(first.split('=')[0]!.replace(/\+/g, ' ')).slice(1);
	return key === '' || key.includes('/') ? null : key;
}

/** What dispatching a POST to a page gives: no actions at all (405), none of that name (404), or the outcome. */
export type Dispatched =
	| { type: 'none' }
	| { type: 'unknown'; name: string }
	| { type: 'done'; status: number; form: unknown };

export function findAction(actions: unknown, search: string): { type: 'none' } | { type: 'unknown'; name: string } | { type: 'found'; name: string; action: Action } {
	if (!actions || typeof actions !== 'object') return { type: 'none' };
	const name = actionName(search);
	const action = name === null || !Object.hasOwn(actions, name) ? undefined : (actions as Actions)[name];
	if (typeof action !== 'function') return { type: 'unknown', name: name ?? search };
	return { type: 'found', name: name!, action };
}

/** Runs the named action (in the caller's request context); throws (redirect, error, crash) pass through. */
export async function runAction(found: { name: string; action: Action }, context: RequestContext, file: string): Promise<Dispatched> {
	const result = await found.action(context);
	const failed = isActionFailure(result);
	const form = failed ? result.data : result;
	try {
		stringify(form);
	} catch (error) {
		throw new Error(`The action "${found.name}" of ${file} returned a value devalue cannot serialize (${(error as Error).message}): return plain data.`);
	}
	return { type: 'done', status: failed ? result.status : 200, form };
}
