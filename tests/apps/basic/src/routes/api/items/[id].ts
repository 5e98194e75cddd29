import type { RequestContext } from 'mochi-framework';

export function GET({ params }: RequestContext): Response {
	return Response.json({ params });
}
