import type { RequestContext } from 'mochi-framework';

/** Echoes a JSON body, with no try/catch: a malformed body is Mochi's to refuse. */
export async function POST({ request }: RequestContext): Promise<Response> {
	const body: unknown = await request.json();
	return Response.json({ received: body });
}
