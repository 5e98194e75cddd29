import type { RequestContext } from 'mochi-framework';

/** What the endpoint saw: URL, params and cookies. */
export function GET({ url, params, cookies, setHeaders }: RequestContext): Response {
	cookies.set('echo', 'get');
	setHeaders({ 'x-endpoint': 'echo' });
	return Response.json(
		{ url: url.href, pathname: url.pathname, search: url.search, params, cookies: cookies.getAll() },
		{ headers: { 'x-echo-method': 'GET' } }
	);
}

/** Echoes a JSON body back. */
export async function POST({ request, cookies }: RequestContext): Promise<Response> {
	const body: unknown = await request.json();
	cookies.set('echo', 'post');
	return Response.json({ received: body }, { status: 201, headers: { 'x-echo-method': 'POST' } });
}
