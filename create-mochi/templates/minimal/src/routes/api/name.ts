import type { RequestContext } from 'mochi-framework';

/** POST /api/name: remembers the name from the greeting's form in a cookie, then goes back home. */
export async function POST({ request, cookies }: RequestContext): Promise<Response> {
	const form = await request.formData();
	const name = String(form.get('name') ?? '').trim().slice(0, 40);
	if (!name) return new Response('A name is required.', { status: 400 });
	cookies.set('name', name, { maxAge: 60 * 60 * 24 * 30 });
	// 303: the browser follows with a GET, so reloading the page doesn't post the form again.
	return new Response(null, { status: 303, headers: { location: '/' } });
}
