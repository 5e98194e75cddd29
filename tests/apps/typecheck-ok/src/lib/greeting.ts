import { getRequestContext, type RequestContext } from 'mochi-framework';

/** Used by a page: the request context is typed in plain .ts modules too. */
export function greeting(): string {
	const ctx: RequestContext = getRequestContext();
	const name: string | undefined = ctx.cookies.get('name');
	return `Hello ${name ?? 'visitor'} from ${ctx.pageUrl.pathname}`;
}
