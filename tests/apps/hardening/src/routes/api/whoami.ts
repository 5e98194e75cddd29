import type { RequestContext } from 'mochi-framework';

/** An endpoint for mixed load: echoes the visitor's cookie after a tick, so cross-talk would show. */
export async function GET({ cookies }: RequestContext): Promise<Response> {
	await new Promise((resolve) => setImmediate(resolve));
	return Response.json({ visitor: cookies.get('visitor') ?? null });
}
