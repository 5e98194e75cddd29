// Where the demo's forms send the visitor once their action is done, and which pages need a name.
import type { RequestContext } from 'mochi-framework';

const GUARDED = /^\/account(\/|$)/;

/**
 * The islands that show who the visitor is: signing in or out from the header (an enhanced form) refreshes these
 * in place when it comes back to the same page. The cart is the visitor's too (its count and the mini cart).
 */
export const VISITOR_ISLANDS = ['Avatar', 'CartCount', 'MiniCart', 'Recommended'] as const;

/** Pages only a signed-in visitor may see (src/hooks.server.ts guards them). */
export const isGuarded = (pathname: string): boolean => GUARDED.test(pathname);

/**
 * `target` as a path and query on this site, or null for anything that would leave it (`//evil.example`,
 * `https://…`, `javascript:…`): a `next` from a query or a form is the visitor's to forge.
 */
export function sitePath(target: unknown, url: URL): string | null {
	if (typeof target !== 'string' || target === '') return null;
	let parsed: URL;
	try {
		parsed = new URL(target, url);
	} catch {
		return null;
	}
	return parsed.origin === url.origin ? parsed.pathname + parsed.search : null;
}

/** After an action: the form's `next` field, else the page it was posted from (Referer), else the shop. */
export function backTo(ctx: RequestContext, data: FormData): string {
	return sitePath(data.get('next'), ctx.url) ?? sitePath(ctx.request.headers.get('referer'), ctx.url) ?? '/';
}
