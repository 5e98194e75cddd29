// Prerendered dynamic pages (tests/apps/entries): entries() sync (blog/[slug]) and async (docs/[...path]),
// links crawled from prerendered pages (hello → crawled → deep), and their islands live over HTTP after the
// server re-signed them with its own key. The build's own refusals are in entries-errors.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, buildApp, startBuilt, startDev, tokenOf, type RunningApp } from '../helpers/app.js';
import { START_TIMEOUT, get, islandPath } from './support.js';

const APP = path.join(REPO, 'tests/apps/entries');
const buildKey = randomBytes(32).toString('base64url');
const serverKey = randomBytes(32).toString('base64url');

interface Manifest {
	prerendered: Record<string, { file: string; islands: Array<{ name: string; token: string }> }>;
}

describe('prerendered dynamic pages (built)', () => {
	let app: RunningApp;
	let output = '';
	let manifest: Manifest;

	beforeAll(async () => {
		output = await buildApp(APP, { MOCHI_KEY: buildKey, NODE_ENV: 'production' });
		manifest = JSON.parse(fs.readFileSync(path.join(APP, 'build/server/manifest.json'), 'utf8'));
		app = await startBuilt(APP, { MOCHI_KEY: serverKey });
	}, START_TIMEOUT);
	afterAll(async () => {
		await app?.stop();
	});

	it('prerenders what entries() returns (sync and async), the static pages, and what their links reach', () => {
		expect(Object.keys(manifest.prerendered)).toEqual([
			'/blog/hello',
			'/blog/hello%20world',
			'/blog/caf%C3%A9',
			'/docs',
			'/docs/guide/intro',
			'/',
			'/blog/crawled',
			'/blog/deep'
		]);
		expect(manifest.prerendered['/blog/hello%20world'].file).toBe('blog/hello world.html');
		expect(manifest.prerendered['/blog/caf%C3%A9'].file).toBe('blog/café.html');
		expect(fs.readFileSync(path.join(APP, 'build/prerendered/docs/guide/intro.html'), 'utf8')).toContain('Docs: [guide/intro]');
		expect(fs.readFileSync(path.join(APP, 'build/prerendered/blog/deep.html'), 'utf8')).toContain('Two links away');
		// A crawled page that links further: "deep" is linked only from "crawled", itself linked only from "hello".
		expect(output).toContain('prerendered /blog/crawled → build/prerendered/blog/crawled.html (linked from /blog/hello)');
		expect(output).toContain('prerendered /blog/deep → build/prerendered/blog/deep.html (linked from /blog/crawled)');
		// Links to an on-demand page, an endpoint, a static file and another site are left alone.
		expect(fs.existsSync(path.join(APP, 'build/prerendered/live'))).toBe(false);
		expect(output).not.toMatch(/prerendered \/(live|api|robots)/);
	});

	it('serves every prerendered path from memory, a query included, with the params the page got', async () => {
		for (const [pathname, marker] of [
			['/blog/hello', '[hello]'],
			['/blog/hello%20world', '[hello world]'],
			['/blog/caf%C3%A9', '[café]'],
			['/blog/deep', '[deep]'],
			['/docs', 'Docs: []'],
			['/docs/guide/intro', 'Docs: [guide/intro]'],
			['/blog/hello?ref=home', '[hello]']
		]) {
			const page = await get(app, pathname, { headers: { 'accept-encoding': 'br' } });
			expect(page.status, pathname).toBe(200);
			// From memory (prerendered.ts): an ETag per encoding (-br5 when the server re-signed and compressed it itself); an on-demand page has none.
			expect(page.headers.get('etag'), pathname).toMatch(/-br5?"$/);
			expect(page.body, pathname).toContain(marker);
		}
		const onDemand = await get(app, '/live/1');
		expect(onDemand.status).toBe(200);
		expect(onDemand.headers.get('etag')).toBeNull();
	});

	it('renders a slug entries() did not list on demand, as any dynamic page (here the page says 404)', async () => {
		const missing = await get(app, '/blog/unlisted');
		expect(missing.status).toBe(404);
		expect(missing.headers.get('etag')).toBeNull();
	});

	it('redirects another spelling of a prerendered path to the one it is served at', async () => {
		const lower = await get(app, '/blog/caf%c3%a9');
		expect(lower.status).toBe(308);
		expect(lower.headers.get('location')).toBe('/blog/caf%C3%A9');
		const slash = await get(app, '/blog/hello/');
		expect(slash.status).toBe(308);
		expect(slash.headers.get('location')).toBe('/blog/hello');
	});

	it('keeps islands live: tokens re-signed with the server key, the deferred island rendered per visitor', async () => {
		const page = await get(app, '/blog/hello%20world');
		const token = tokenOf(page.body, 'Greeting');
		expect(token).not.toBe(manifest.prerendered['/blog/hello%20world'].islands[0].token);
		const island = await get(app, islandPath('Greeting', token), { headers: { cookie: 'visitor=ana' } });
		expect(island.status).toBe(200);
		expect(island.body).toContain('Hello ana, reading hello world');
		const other = await get(app, islandPath('Greeting', token), { headers: { cookie: 'visitor=bo' } });
		expect(other.body).toContain('Hello bo, reading hello world');
		// The build's token was signed with another key: refused, and the server stays up.
		const stale = await get(app, islandPath('Greeting', manifest.prerendered['/blog/hello%20world'].islands[0].token));
		expect(stale.status).toBe(403);
		const tampered = await get(app, islandPath('Greeting', token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA')));
		expect(tampered.status).toBe(403);
		// The hydrated island is server-rendered into the shell with its props.
		expect(page.body).toMatch(/<mochi-island name="Counter" hydrate="load" component="\/_mochi\/assets\/Counter-[^"]+\.js"/);
		expect((await get(app, '/blog/hello')).status).toBe(200);
	});
});

describe('entries() in mochi dev', () => {
	let app: RunningApp;
	beforeAll(async () => {
		app = await startDev(APP);
	}, START_TIMEOUT);
	afterAll(async () => {
		await app?.stop();
	});

	it('leaves entries() to the build: every page renders on demand, listed or not', async () => {
		for (const pathname of ['/blog/hello', '/blog/crawled', '/docs/anything/at/all']) {
			const page = await get(app, pathname);
			expect(page.status, pathname).toBe(200);
		}
		expect((await get(app, '/blog/unlisted')).status).toBe(404);
	});
});
