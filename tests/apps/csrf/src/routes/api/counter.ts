// Counts each unsafe call by method; GET reads every counter (pages and islands included) without adding.
import type { RequestContext } from 'mochi-framework';
import { count, snapshot } from '$lib/counts.js';

function counted({ request }: RequestContext): Response {
	count(`endpoint:${request.method}`);
	return new Response(`counted ${request.method}`, { headers: { 'content-type': 'text/plain' } });
}

export const POST = counted;
export const PUT = counted;
export const PATCH = counted;
export const DELETE = counted;

export function GET(): Response {
	return Response.json(snapshot());
}
