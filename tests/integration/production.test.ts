// What only `mochi build` + `node build` do: prerendered files, immutable assets, no stray JavaScript,
// shared keys across instances, and draining on SIGTERM.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, startBuilt, tokenOf, type RunningApp } from '../helpers/app.js';
import { BASIC, START_TIMEOUT, get, islandPath } from './support.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

describe('production server (built)', () => {
	let app: RunningApp;

	beforeAll(async () => {
		await buildApp(BASIC);
		app = await startBuilt(BASIC);
	}, START_TIMEOUT);

	afterAll(async () => {
		await app?.stop();
	});

	it('writes the prerendered page under build/prerendered/', () => {
		const file = path.join(BASIC, 'build/prerendered/prerendered.html');
		expect(fs.existsSync(file)).toBe(true);
		expect(fs.readFileSync(file, 'utf8')).toContain('[prerendered-page]');
	});

	it('serves the prerendered page with its cache-control and an ETag, and 304 on If-None-Match', async () => {
		const first = await get(app, '/prerendered');
		expect(first.status).toBe(200);
		expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(first.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=600');
		const etag = first.headers.get('etag');
		expect(etag).toMatch(/^"[^"]+"$/);
		expect(first.body).toContain('[prerendered-page]');

		const again = await get(app, '/prerendered', { headers: { 'if-none-match': etag! } });
		expect(again.status).toBe(304);
		expect(again.body).toBe('');
		expect(again.headers.get('etag')).toBe(etag);
		expect((await get(app, '/prerendered', { headers: { 'if-none-match': `W/${etag}` } })).status).toBe(304);
		expect((await get(app, '/prerendered', { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
	});

	it("keeps the prerendered page's islands live (re-signed with this server's key)", async () => {
		const shell = (await get(app, '/prerendered')).body;
		const { status, body } = await get(app, islandPath('Greeting', tokenOf(shell, 'Greeting')));
		expect(status).toBe(200);
		expect(body).toContain('[greeting] name=prerendered');
	});

	it('serves hashed assets under /_mochi/assets/ as immutable', async () => {
		const shell = (await get(app, '/islands')).body;
		const runtime = shell.match(/<script type="module"(?: async)? src="([^"]+)"/)![1];
		const stylesheet = (await get(app, '/about')).body.match(/<link rel="stylesheet" href="([^"]+)"/)![1];
		for (const asset of [runtime, stylesheet]) {
			expect(asset).toMatch(/^\/_mochi\/assets\/[\w-]+-[\w-]{8,}\.(js|css)$/);
			const { status, headers } = await get(app, asset);
			expect(status, asset).toBe(200);
			expect(headers.get('cache-control'), asset).toBe(IMMUTABLE);
		}
	});

	it('ships no <script> at all on pages without islands', async () => {
		for (const pathname of ['/', '/about', '/blog', '/blog/hello-world', '/docs/a/b', '/no/such/page']) {
			expect((await get(app, pathname)).body, pathname).not.toContain('<script');
		}
	});

	it('ships exactly one module script, pointing at an existing asset, on a page with islands', async () => {
		const { body } = await get(app, '/islands');
		expect(body.match(/<script/g)).toHaveLength(1);
		const src = body.match(/<script type="module"(?: async)? src="([^"]+)"><\/script>/)?.[1];
		expect(src).toMatch(/^\/_mochi\/assets\/runtime-[\w-]+\.js$/);
		expect(fs.existsSync(path.join(BASIC, 'build/client', src!))).toBe(true);
		const asset = await get(app, src!);
		expect(asset.status).toBe(200);
		expect(asset.headers.get('content-type')).toMatch(/javascript/);
	});

	it('styles an error page shown inside a nested layout with both their CSS', async () => {
		const page = await get(app, '/blog/no-such-post');
		expect(page.status).toBe(404);
		expect(page.body).toContain('blog-layout');
		const sheets = [...page.body.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((match) => match[1]);
		const css = (await Promise.all(sheets.map(async (href) => (await get(app, href)).body))).join('\n');
		expect(css).toMatch(/\.blog-layout\.svelte-[\w-]+ \{[^}]*rebeccapurple/);
		expect(css).toMatch(/\.message\.svelte-[\w-]+ \{[^}]*crimson/);
	});

	it('lets instances that share MOCHI_KEY answer each other\'s islands', async () => {
		const key = randomBytes(32).toString('base64url');
		const a = await startBuilt(BASIC, { MOCHI_KEY: key });
		const b = await startBuilt(BASIC, { MOCHI_KEY: key });
		try {
			const token = tokenOf((await get(a, '/islands')).body, 'Greeting');
			expect((await get(b, islandPath('Greeting', token))).status).toBe(200);
			// This test's default server runs with a random key of its own.
			expect((await get(app, islandPath('Greeting', token))).status).toBe(403);
		} finally {
			await Promise.all([a.stop(), b.stop()]);
		}
	}, 120_000);

	it('finishes an in-flight island request on SIGTERM before exiting', async () => {
		const server = await startBuilt(BASIC);
		let stopped = false;
		try {
			const token = tokenOf((await get(server, '/slow')).body, 'Slow');
			const started = Date.now();
			const inFlight = get(server, islandPath('Slow', token));
			// The island awaits 1 s; signal well inside that window.
			await new Promise((resolve) => setTimeout(resolve, 300));
			const stopping = server.stop().then(() => (stopped = true));
			const { status, body } = await inFlight;
			const answeredAfter = Date.now() - started;
			expect(status).toBe(200);
			expect(body).toContain('[slow] ms=1000 done=true');
			expect(answeredAfter).toBeGreaterThanOrEqual(900);
			await stopping;
			expect(server.output()).toContain('SIGTERM received, finishing in-flight requests');
			// Gone for good: a new request cannot connect.
			await expect(fetch(`${server.url}/`, { signal: AbortSignal.timeout(5000) })).rejects.toThrow();
		} finally {
			if (!stopped) await server.stop();
		}
	});
});
