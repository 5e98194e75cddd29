import { json, type RequestContext } from 'mochi-framework';

export function GET(ctx: RequestContext) {
	return json({ user: ctx.locals.user ?? null, kind: ctx.kind });
}
