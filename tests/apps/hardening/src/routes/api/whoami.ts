import type { RequestContext } from 'mochi-framework';

/**
 * An endpoint for mixed load: echoes the visitor's cookie after a tick, so cross-talk would show; and what the
 * server made of the proxy's headers (the client's address, the origin), for the nginx suite.
 */
export async function GET({ cookies, clientAddress, url }: RequestContext): Promise<Response> {
	await new Promise((resolve) => setImmediate(resolve));
	return Response.json({ visitor: cookies.get('visitor') ?? null, clientAddress, origin: url.origin });
}
