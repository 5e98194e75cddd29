import { getRequestContext, type RequestContext } from 'mochi-framework';

export function GET(ctx: RequestContext): Response {
	const same: RequestContext = getRequestContext();
	return Response.json({ now: Date.now(), path: ctx.url.pathname, same: same === ctx });
}
