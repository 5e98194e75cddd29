// What the request context says about the client and the origin, and three cookies: the default `secure`,
// an explicit `secure: true` and an explicit `secure: false`.
import type { RequestContext } from 'mochi-framework';

export function GET({ clientAddress, url, cookies }: RequestContext): Response {
	cookies.set('sid', 'default');
	cookies.set('forced', 'on', { secure: true });
	cookies.set('plain', 'off', { secure: false });
	return Response.json({ clientAddress, origin: url.origin });
}
