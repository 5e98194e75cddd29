// A prerendered page asked for under another spelling of its path is redirected to the canonical one
// (or, for the query and absolute-form, answered from memory): never rendered again on demand. Each
// page shows a value drawn at render time (tests/apps/input/src/lib/Stamp.svelte), so a render on
// demand would show another one; the prerendered answer also carries its ETag, which no render has.
import { beforeAll, describe, expect, it } from 'vitest';
import { tokenOf } from '../helpers/app.js';
import { createClient, type RawResponse } from '../fuzz/raw-http.js';
import { get, islandPath, useApp } from './support.js';
import { INPUT, expectQuiet, loggedSince } from './input-app.js';

const stampOf = (html: string) => html.match(/data-stamp="([^"]+)"/)?.[1];

describe('other spellings of a path (built)', () => {
	const app = useApp('built', INPUT);
	let client: ReturnType<typeof createClient>;
	/** The canonical answer of each prerendered page: its ETag (identity encoding) and stamp. */
	const canonical = new Map<string, { etag: string; stamp: string }>();

	beforeAll(async () => {
		client = createClient(app.url, 2);
		for (const pathname of ['/', '/about', '/docs/guide', '/caf%C3%A9']) {
			const response = await send('GET', pathname);
			expect(response.status, pathname).toBe(200);
			canonical.set(pathname, { etag: String(response.headers.etag), stamp: stampOf(response.body)! });
		}
		return () => client.close();
	});

	/** Sent as written (fetch would resolve dots and re-encode), without Accept-Encoding. */
	const send = (method: string, path: string): Promise<RawResponse> => client.send({ method, path, headers: { 'accept-encoding': 'identity' } });

	function expectFromMemory(response: RawResponse, pathname: string) {
		const page = canonical.get(pathname)!;
		expect(response.status).toBe(200);
		expect(response.headers.etag).toBe(page.etag);
		expect(stampOf(response.body)).toBe(page.stamp);
	}

	it('the marker works: a page rendered on demand shows a new stamp every time, and no ETag', async () => {
		const [first, second] = [await send('GET', '/live'), await send('GET', '/live')];
		expect(stampOf(first.body)).toBeTruthy();
		expect(stampOf(first.body)).not.toBe(stampOf(second.body));
		expect(first.headers.etag).toBeUndefined();
	});

	it.each([
		['/about?x=1', '/about'],
		['/about?', '/about'],
		['/docs/guide?tab=a&b=%2e', '/docs/guide']
	])('%s is answered from memory (the query does not change a prerendered page)', async (path, pathname) => {
		expectFromMemory(await send('GET', path), pathname);
	});

	it.each([
		['/%61bout', '/about'],
		['/%61%62%6F%75%74', '/about'],
		['/./about', '/about'],
		['/%2e/about', '/about'],
		['/%2e/', '/'],
		['/%2E%2E/about', '/about'],
		['/../../about', '/about'],
		['/docs/../about', '/about'],
		['/docs/x/../guide', '/docs/guide'],
		['/docs/./guide', '/docs/guide'],
		['/docs/%67uide', '/docs/guide'],
		['/%64ocs/guide?x=%61', '/docs/guide?x=%61'],
		['/caf%c3%a9', '/caf%C3%A9'],
		['/about/.', '/about/'],
		['/docs\\guide', '/docs/guide'],
		['/_mochi/%61ssets/nothing.js', '/_mochi/assets/nothing.js'],
		['/_mochi/island/../assets/nothing.js', '/_mochi/assets/nothing.js']
	])('%s → 308 to %s', async (path, location) => {
		for (const method of ['GET', 'HEAD']) {
			const response = await send(method, path);
			expect(response.status, method).toBe(308);
			expect(response.headers.location, method).toBe(location);
			expect(response.body).toBe('');
		}
	});

	it('and the redirect lands on the page from memory', async () => {
		for (const [path, pathname] of [
			['/%61bout', '/about'],
			['/./about', '/about'],
			['/%2e/', '/'],
			['/docs/%67uide', '/docs/guide'],
			['/caf%c3%a9', '/caf%C3%A9']
		]) {
			const redirect = await send('GET', path);
			expect(redirect.headers.location).toBe(pathname);
			expectFromMemory(await send('GET', redirect.headers.location!), pathname);
		}
	});

	it('a path with non-ASCII characters is served from memory as browsers spell it', async () => {
		const page = await get(app, '/café', { headers: { 'accept-encoding': 'identity' } });
		expect(page.status).toBe(200);
		expect(page.headers.get('etag')).toBe(canonical.get('/caf%C3%A9')!.etag);
	});

	it('a trailing slash is redirected by the router, with nothing rendered', async () => {
		for (const [path, location] of [
			['/about/', '/about'],
			['/docs/guide/', '/docs/guide'],
			['/about/?x=1', '/about?x=1']
		]) {
			const response = await send('GET', path);
			expect([response.status, response.headers.location, response.body]).toEqual([308, location, '']);
		}
	});

	it.each([
		['//about', 'an empty segment is part of the path (RFC 3986)'],
		['/ABOUT', 'the path is case-sensitive'],
		['/About', 'the path is case-sensitive'],
		['/about%2F', 'an encoded slash is not a slash'],
		['/about.html', 'the file name is not a URL'],
		['/.//about', 'dot segments resolve to //about']
	])('%s is a 404 (%s), never the page', async (path) => {
		const response = await send('GET', path);
		expect(response.status).toBe(404);
		expect(response.headers.location).toBeUndefined();
		expect(response.body).not.toContain('<h1>about</h1>');
	});

	it.each(['/about#top', '/%61bout?x=1#top', '/#', '//evil.test#x'])('%s (a #fragment, which no client sends) is a 400', async (path) => {
		const response = await send('GET', path);
		expect(response.status).toBe(400);
		expect(response.headers.location).toBeUndefined();
	});

	it.each(['/..//evil.test/', '/.//evil.test', '/%2e%2e//evil.test/x', '/%2E//evil.test'])('%s never redirects to another host', async (path) => {
		const response = await send('GET', path);
		expect(response.headers.location).toBeUndefined();
		expect(response.status).toBe(404);
	});

	it('no spelling slips past the island prefix: it is redirected to the island endpoint', async () => {
		const token = tokenOf((await send('GET', '/about')).body, 'PageUrl');
		const canonicalPath = islandPath('PageUrl', token);
		for (const prefix of ['/_mochi/%69sland/', '/_mochi/./island/', '/_mochi/x/../island/', '/%5fmochi/island/', '/_mochi/isl%61nd/']) {
			const response = await send('GET', canonicalPath.replace('/_mochi/island/', prefix));
			expect(response.status, prefix).toBe(308);
			expect(response.headers.location, prefix).toBe(canonicalPath);
		}
		const island = await send('GET', canonicalPath);
		expect(island.status).toBe(200);
		expect(island.body).toContain('data-page-url');
	});

	it('no spelling slips past the assets prefix: a hashed asset keeps its immutable caching', async () => {
		const runtime = (await send('GET', '/about')).body.match(/<script type="module"(?: async)? src="([^"]+)"/)![1];
		const respelled = runtime.replace('/_mochi/assets/', '/_mochi/%61ssets/');
		const redirect = await send('GET', respelled);
		expect([redirect.status, redirect.headers.location]).toEqual([308, runtime]);
		const asset = await send('GET', runtime);
		expect(asset.status).toBe(200);
		expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
	});

	it('an endpoint under another spelling is redirected with a 308, which keeps the method and body', async () => {
		const response = await client.send({ method: 'POST', path: '/%61pi/json', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
		expect([response.status, response.headers.location]).toEqual([308, '/api/json']);
	});

	it('logs nothing for any of it, and keeps answering', async () => {
		const from = app.output().length;
		for (const path of ['/%61bout', '/./about', '/%2e/', '//about', '/ABOUT', '/..//evil.test/', '/%zz', '/%E0%A4%A']) await send('GET', path);
		expectQuiet(await loggedSince(app, from));
		expectFromMemory(await send('GET', '/about'), '/about');
	});
});
