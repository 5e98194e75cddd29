// `refreshIslands(...names)` and what it changes in an answer (DESIGN.md §9). Only an enhanced submission
// (the runtime's fetch, marked with `x-mochi-enhance`) hears about it: a plain POST's answer is untouched,
// so the same action works with and without JavaScript. `fetch` follows a 30x without showing it, so an
// enhanced submission's redirect becomes a 204 carrying the target in `x-mochi-location`.
import { state } from './state.js';
import type { Answer, IncomingRequest } from './exchange.js';
import { ENHANCE_HEADER, ENHANCE_LOCATION_HEADER, REFRESH_HEADER } from '../shared/enhance-constants.js';

// An island's name is its component's file name, maybe with a hash suffix (core/island-registry.ts):
// letters, digits, `_`, `$`, `-`. Anything else could not name an island, nor go into a header safely.
const ISLAND_NAME = /^[A-Za-z_$][\w$-]{0,99}$/;

/**
 * Asks the page that submitted an enhanced form (`<form mochi:enhance>`) to fetch these islands again,
 * every instance of each, in place. Call it in a form action, an endpoint or a hook; it works through a
 * `redirect()`. A plain POST (no JavaScript) ignores it. Names the page doesn't have are ignored there.
 *
 * ```ts
 * refreshIslands('CartCount', 'MiniCart'); // the enhanced answer says `x-mochi-refresh: CartCount,MiniCart`
 * refreshIslands('Cart\r\n');              // TypeError: "Cart\r\n" is not an island name
 * ```
 */
export function refreshIslands(...names: string[]): void {
	const store = state.storage.getStore();
	if (!store) throw new Error('refreshIslands() was called outside a request: call it in a form action, an endpoint or a hook.');
	for (const name of names) {
		if (typeof name !== 'string' || !ISLAND_NAME.test(name)) {
			throw new TypeError(`refreshIslands(...names): ${JSON.stringify(name) ?? String(name)} is not an island name (a component's file name, such as "CartCount").`);
		}
		(store.refresh ??= new Set()).add(name);
	}
}

/** Whether the runtime sent this request for an enhanced form (never a GET: those only navigate). */
export function isEnhanced(request: IncomingRequest): boolean {
	return request.method !== 'GET' && request.method !== 'HEAD' && request.header(ENHANCE_HEADER) !== null;
}

/** An enhanced submission's answer: a redirect as a readable 204, and the refreshes asked for. */
export function enhancedAnswer(answer: Answer | Response, refresh: Set<string> | undefined): Answer | Response {
	const names = refresh?.size ? [...refresh].join(',') : null;
	if (!(answer instanceof Response)) {
		const location = answer.status >= 300 && answer.status < 400 ? answer.headers.location : undefined;
		if (location === undefined && !names) return answer;
		const headers = { ...answer.headers };
		if (names) headers[REFRESH_HEADER] = names;
		if (location === undefined) return { ...answer, headers };
		delete headers.location;
		headers[ENHANCE_LOCATION_HEADER] = location;
		return { status: 204, headers, cookies: answer.cookies, body: '' };
	}
	const location = answer.status >= 300 && answer.status < 400 ? answer.headers.get('location') : null;
	if (location === null && !names) return answer;
	const headers = new Headers(answer.headers);
	if (names) headers.set(REFRESH_HEADER, names);
	if (location === null) return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers });
	void answer.body?.cancel();
	headers.delete('location');
	headers.set(ENHANCE_LOCATION_HEADER, location);
	return new Response(null, { status: 204, headers });
}
