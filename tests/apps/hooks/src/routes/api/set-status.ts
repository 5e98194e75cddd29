import type { RequestContext } from 'mochi-framework';

// An endpoint answers with its own Response: setStatus() is refused (a 500 that says why).
export function GET(ctx: RequestContext) {
	ctx.setStatus(404);
	return new Response('unreachable');
}
