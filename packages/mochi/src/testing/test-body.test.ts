// TestRequest bodies: what an endpoint or a form action reads from them, and the mistakes a test can make.
import { describe, expect, it } from 'vitest';
import { getRequestContext, type RequestContext } from '../runtime/server/context.js';
import { withRequest } from './test-request.js';

/** An endpoint as an app writes it: reads a form, sets a cookie, answers 303. */
async function POST(ctx: RequestContext): Promise<Response> {
	const name = String((await ctx.request.formData()).get('name') ?? '').trim();
	if (!name) return new Response('name is required', { status: 400 });
	ctx.cookies.set('name', name);
	return new Response(null, { status: 303, headers: { location: '/' } });
}

describe('TestRequest bodies', () => {
	it('sends a form as a browser posts it, to an endpoint called as Mochi calls it', async () => {
		const seen = await withRequest({ form: { name: ' Ada ' } }, async (ctx) => {
			const response = await POST(ctx);
			return { status: response.status, method: ctx.request.method, type: ctx.request.headers.get('content-type'), cookie: ctx.cookies.get('name') };
		});
		expect(seen).toEqual({ status: 303, method: 'POST', type: 'application/x-www-form-urlencoded;charset=UTF-8', cookie: 'Ada' });
		// The hostile twin: an empty form is the endpoint's 400, not a crash of the helper.
		expect((await withRequest({ form: {} }, POST)).status).toBe(400);
	});

	it('repeats a field given as an array, and passes FormData through as multipart', async () => {
		const tags = await withRequest({ form: { tag: ['a', 'b'], n: '1' } }, async () => (await getRequestContext().request.formData()).getAll('tag'));
		expect(tags).toEqual(['a', 'b']);
		const data = new FormData();
		data.set('file', new Blob(['hello'], { type: 'text/plain' }), 'hello.txt');
		const file = await withRequest({ method: 'PUT', form: data }, async (ctx) => {
			expect(ctx.request.method).toBe('PUT');
			expect(ctx.request.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
			return (await ctx.request.formData()).get('file') as File;
		});
		expect([file.name, await file.text()]).toEqual(['hello.txt', 'hello']);
	});

	it('sends JSON with its content type, and keeps a content type the test gave', async () => {
		const json = await withRequest({ method: 'patch', json: { qty: 2, tags: ['x'] } }, async (ctx) => [ctx.request.method, ctx.request.headers.get('content-type'), await ctx.request.json()]);
		expect(json).toEqual(['PATCH', 'application/json', { qty: 2, tags: ['x'] }]);
		const typed = await withRequest({ json: null, headers: { 'content-type': 'application/merge-patch+json' } }, async (ctx) => [ctx.request.headers.get('content-type'), await ctx.request.text()]);
		expect(typed).toEqual(['application/merge-patch+json', 'null']);
	});

	it('sends a raw body as given: text and bytes', async () => {
		const text = await withRequest({ body: 'plain words', headers: { 'content-type': 'text/plain' } }, (ctx) => ctx.request.text());
		expect(text).toBe('plain words');
		const bytes = await withRequest({ method: 'POST', body: new Uint8Array([0, 255, 10]) }, async (ctx) => [...new Uint8Array(await ctx.request.arrayBuffer())]);
		expect(bytes).toEqual([0, 255, 10]);
	});

	it('lets a malformed body reach the code under test, which sees the same rejection the app would', async () => {
		const broken = withRequest({ body: '{"qty":', headers: { 'content-type': 'application/json' } }, (ctx) => ctx.request.json());
		await expect(broken).rejects.toThrow(SyntaxError);
	});

	it('refuses a body on GET or HEAD, two bodies at once, and JSON that cannot be written, naming the option', () => {
		expect(() => withRequest({ method: 'GET', form: { a: '1' } }, () => 0)).toThrow("TestRequest: a GET request has no body; drop form or use method: 'POST'.");
		expect(() => withRequest({ method: 'head', body: 'x' }, () => 0)).toThrow('TestRequest: a HEAD request has no body');
		expect(() => withRequest({ form: { a: '1' }, json: { a: 1 } }, () => 0)).toThrow('TestRequest: give one of form, json and body, not form and json.');
		expect(() => withRequest({ json: () => 1 }, () => 0)).toThrow(/json must be a value JSON.stringify can write/);
	});

	it('keeps a bodiless request a GET, as before', () => {
		expect(withRequest({}, (ctx) => ctx.request.method)).toBe('GET');
		expect(withRequest({ method: 'DELETE' }, (ctx) => ctx.request.method)).toBe('DELETE');
	});
});
