import type { RequestContext } from 'mochi-framework';

/** Reads the whole body: a client that trickles it is cut off by the body timeout. */
export async function POST({ request }: RequestContext): Promise<Response> {
	const body = await request.text();
	return Response.json({ length: body.length });
}
