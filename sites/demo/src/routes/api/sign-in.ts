import type { RequestContext } from 'mochi-framework';
import { USER_COOKIE } from '$lib/visitor.js';

/** A toy sign-in: remembers the name from the form in a cookie, then goes back where the visitor was. */
export async function POST({ request, cookies }: RequestContext): Promise<Response> {
	const form = await request.formData();
	const name = String(form.get('name') ?? '').trim().slice(0, 40);
	if (!name) return new Response('A name is required.', { status: 400 });
	cookies.set(USER_COOKIE, name, { maxAge: 60 * 60 * 24 * 30 });
	return back(request);
}

export function back(request: Request): Response {
	const referer = request.headers.get('referer');
	const target = referer && new URL(referer).origin === new URL(request.url).origin ? new URL(referer).pathname : '/';
	return new Response(null, { status: 303, headers: { location: target } });
}
