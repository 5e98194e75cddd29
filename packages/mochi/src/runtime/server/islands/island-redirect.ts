import type { Answer } from '../exchange.js';
import { ISLAND_ERROR_HEADER, ISLAND_ERROR_STATUS, ISLAND_REDIRECT_HEADER } from '../../shared/constants.js';

/**
 * The answer to an island request that threw `redirect()`: not a 30x, which fetch would follow (and the
 * target's HTML would land in the island), but a 409 that says where to go. The runtime sends the page
 * there (runtime/client/island-element.ts); a runtime that predates it keeps the fallback. Cookies set
 * before the redirect are kept, as for a page.
 */
export function islandRedirect(location: string, cookies: string[]): Answer {
	return {
		status: ISLAND_ERROR_STATUS.redirect,
		headers: {
			'content-type': 'text/plain; charset=utf-8',
			'cache-control': 'no-store',
			'x-robots-tag': 'noindex',
			[ISLAND_ERROR_HEADER]: 'redirect',
			[ISLAND_REDIRECT_HEADER]: location
		},
		cookies,
		body: 'Redirect.'
	};
}

/** True when `location`, read against the island request's URL, stays on its origin. */
export function sameOrigin(location: string, url: URL): boolean {
	try {
		return new URL(location, url).origin === url.origin;
	} catch {
		return false;
	}
}
