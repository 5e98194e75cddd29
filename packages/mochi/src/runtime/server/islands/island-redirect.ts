import type { Answer } from '../exchange.js';
import { NOSNIFF, REFERRER_POLICY } from '../security-headers.js';
import { ISLAND_ERROR_HEADER, ISLAND_ERROR_STATUS, ISLAND_LOCATION_HEADER } from '../../shared/constants.js';

/**
 * The answer to an island request that threw `redirect()`: not a 30x, which fetch would follow (and the
 * target's HTML would land in the island), but a 409 that says where to go. The runtime sends the page
 * there (runtime/client/island-element.ts); a runtime that predates it keeps the fallback. Cookies set
 * before the redirect are kept, as for a page.
 */
export function islandRedirect(url: string, cookies: string[]): Answer {
	return {
		status: ISLAND_ERROR_STATUS.redirect,
		headers: {
			'content-type': 'text/plain; charset=utf-8',
			'cache-control': 'no-store',
			'x-robots-tag': 'noindex',
			'x-content-type-options': NOSNIFF,
			'referrer-policy': REFERRER_POLICY,
			[ISLAND_ERROR_HEADER]: 'redirect',
			[ISLAND_LOCATION_HEADER]: url
		},
		cookies,
		body: 'Redirect.'
	};
}

/**
 * `location` made absolute against the page the visitor is on (so `?tab=2` means that page), or null
 * when it leaves the origin: an island never sends the visitor's page to another site.
 */
export function sameOriginUrl(location: string, page: URL): string | null {
	try {
		const url = new URL(location, page);
		return url.origin === page.origin ? url.href : null;
	} catch {
		return null;
	}
}
