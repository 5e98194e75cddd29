// What the request context says about the client and the origin, the cookies the browser sent back, and three
// cookies: the default `secure`, an explicit `secure: true` and an explicit `secure: false`.
import type { RequestContext } from 'mochi-framework';

export function GET({ clientAddress, url, cookies, request }: RequestContext): Response {
	const sent = request.headers.get('cookie');
	cookies.set('sid', 'default');
	cookies.set('forced', 'on', { secure: true });
	cookies.set('plain', 'off', { secure: false });
	return Response.json({ clientAddress, origin: url.origin, sent });
}
