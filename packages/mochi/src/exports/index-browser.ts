// `mochi-framework` in the browser (the `browser` export condition): there is no request here.
import type { RequestContext } from '../runtime/server/context.js';
import { BROWSER_CONTEXT_ERROR, hydratingIsland } from '../runtime/shared/hydrating-island.js';
export type { RequestContext } from '../runtime/server/context.js';
export type { Cookies, CookieOptions } from '../runtime/server/cookies.js';
export { error, HttpError } from '../runtime/server/http-error.js';
// Pure, so shared code that imports them still builds for the browser; they mean something on the server only.
export { redirect, type RedirectStatus } from '../runtime/server/redirect.js';
export { json } from '../runtime/server/json.js';
export { fail, type Actions, type Action, type ActionFailure } from '../runtime/server/actions.js';
export { sequence, type Handle, type Resolve } from '../runtime/server/sequence.js';
export type { RequestKind } from '../runtime/server/context.js';

export function getRequestContext(): RequestContext {
	const island = hydratingIsland();
	throw new Error(
		`${BROWSER_CONTEXT_ERROR}${island ? `, by the client island ${island} (mochi:hydrate) as it hydrated` : ''}. ` +
			'There is no request there: read the context in the page and pass what a hydrated island needs as props, ' +
			"render the component as a server island (mochi:defer) instead, or read server values with Svelte's hydratable()."
	);
}

export function refreshIslands(..._names: string[]): void {
	throw new Error('refreshIslands() was called in the browser: call it on the server (a form action, an endpoint or a hook); in the browser, reloadIslands() from mochi-framework/client fetches islands again.');
}
