// Endpoints (`.ts` routes exporting verbs) over real HTTP: JSON in and out, cookies, headers, 405.
import { describe, expect, it } from 'vitest';
import { BASIC, MODES, get, setCookie, useApp } from './support.js';

describe.each(MODES)('endpoints (%s)', (mode) => {
	const app = useApp(mode, BASIC);

	it('GET returns JSON of the URL, params and request cookies', async () => {
		const { status, headers, body } = await get(app, '/api/echo?q=mochi&n=1', {
			headers: { cookie: 'user=Ada; theme=dark' }
		});
		expect(status).toBe(200);
		expect(headers.get('content-type')).toMatch(/^application\/json/);
		const json = JSON.parse(body);
		expect(json).toEqual({
			url: `${app.url}/api/echo?q=mochi&n=1`,
			pathname: '/api/echo',
			search: '?q=mochi&n=1',
			params: {},
			// The endpoint set `echo` itself, so it sees it too.
			cookies: [
				{ name: 'user', value: 'Ada' },
				{ name: 'theme', value: 'dark' },
				{ name: 'echo', value: 'get' }
			]
		});
	});

	it('passes route params to an endpoint', async () => {
		const { status, body } = await get(app, '/api/items/42');
		expect(status).toBe(200);
		expect(JSON.parse(body)).toEqual({ params: { id: '42' } });
	});

	it('sends its own headers, setHeaders() headers and a safe Set-Cookie', async () => {
		const { headers } = await get(app, '/api/echo');
		expect(headers.get('x-echo-method')).toBe('GET');
		expect(headers.get('x-endpoint')).toBe('echo');
		const cookie = setCookie(headers, 'echo');
		expect(cookie).toBeDefined();
		const parts = cookie!.split(/;\s*/);
		expect(parts[0]).toBe('echo=get');
		expect(parts).toContain('HttpOnly');
		expect(parts).toContain('SameSite=Lax');
		expect(parts).toContain('Path=/');
		// Secure by default in production, whatever Host says (DESIGN.md §7: behind a TLS proxy the server only
		// sees plain HTTP); off in the dev server.
		if (mode === 'built') expect(parts).toContain('Secure');
		else expect(parts).not.toContain('Secure');
	});

	it('POST echoes a JSON body', async () => {
		const sent = { name: 'daifuku', tags: ['sweet', 'soft'], n: 3, nested: { ok: true } };
		const { status, headers, body } = await get(app, '/api/echo', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(sent)
		});
		expect(status).toBe(201);
		expect(headers.get('x-echo-method')).toBe('POST');
		expect(setCookie(headers, 'echo')).toMatch(/^echo=post;/);
		expect(JSON.parse(body)).toEqual({ received: sent });
	});

	it('answers HEAD with GET, without a body', async () => {
		const { status, headers, body } = await get(app, '/api/echo', { method: 'HEAD' });
		expect(status).toBe(200);
		expect(headers.get('x-echo-method')).toBe('GET');
		expect(body).toBe('');
	});

	it('answers a verb the endpoint does not export with 405 and allow', async () => {
		const put = await get(app, '/api/echo', { method: 'PUT', body: '{}' });
		expect(put.status).toBe(405);
		expect(put.headers.get('allow')).toBe('GET, HEAD, POST');
		const del = await get(app, '/api/items/1', { method: 'DELETE' });
		expect(del.status).toBe(405);
		expect(del.headers.get('allow')).toBe('GET, HEAD');
	});

	it('redirects a trailing slash on an endpoint too', async () => {
		const { status, headers } = await get(app, '/api/echo/?x=1');
		expect(status).toBe(308);
		expect(headers.get('location')).toBe('/api/echo?x=1');
	});
});
