import { abandoned } from '$lib/abandoned.js';

/** Why each /hang/signal request's signal aborted, in order. */
export function GET(): Response {
	return Response.json(abandoned, { headers: { 'cache-control': 'no-store' } });
}
