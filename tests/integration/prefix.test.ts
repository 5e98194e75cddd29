// An app with `assetPrefix: '/static/m'` and a root catch-all route: the island endpoint moves with
// the prefix, and the catch-all gets everything else, including the default `/_mochi/island/` path.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tokenOf } from '../helpers/app.js';
import { MODES, PREFIX, START_TIMEOUT, get, islandPath, useApp } from './support.js';

/** The built app's client asset URLs, as `mochi build` wrote them. */
function manifestAssets(): { runtime: string; stream: string } {
	return JSON.parse(fs.readFileSync(path.join(PREFIX, 'build/server/manifest.json'), 'utf8')).assets;
}

describe.each(MODES)('asset prefix and a root catch-all (%s)', (mode) => {
	const app = useApp(mode, PREFIX);
	let shell: string;
	let token: string;

	beforeAll(async () => {
		const page = await get(app, '/');
		expect(page.status, page.body.slice(0, 1000)).toBe(200);
		shell = page.body;
		token = tokenOf(shell, 'Hello');
	}, START_TIMEOUT);

	it('renders the island page with its shell, and streams the island after it', () => {
		expect(shell).toContain('[prefix-index]');
		expect(shell).toContain('hello fallback');
		// The page is on demand and uncacheable: the island comes in the same response, after the page's markup.
		expect(shell.indexOf('[hello-island] who=prefix')).toBeGreaterThan(shell.indexOf('hello fallback'));
		expect(shell).toMatch(/<template>[^]*\[hello-island\][^]*<\/template><mochi-stream for="0"><\/mochi-stream>/);
	});

	it('serves the island under /static/m/island/', async () => {
		const { status, headers, body } = await get(app, islandPath('Hello', token, '/static/m'));
		expect(status).toBe(200);
		expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(headers.get('x-robots-tag')).toBe('noindex');
		expect(body).toContain('[hello-island] who=prefix');
	});

	it('refuses under the prefix, instead of handing the URL to the catch-all', async () => {
		const unknown = await get(app, islandPath('Nope', token, '/static/m'));
		expect(unknown.status).toBe(404);
		expect(unknown.headers.get('x-mochi-island-error')).toBe('unknown-island');
		expect(unknown.body).not.toContain('[catch-all]');
		const missing = await get(app, '/static/m/island/Hello');
		expect(missing.status).toBe(400);
		const post = await get(app, islandPath('Hello', token, '/static/m'), { method: 'PUT', body: 'x' });
		expect(post.status).toBe(405);
	});

	it('lets /_mochi/island/... fall to the user catch-all: it is just a page there', async () => {
		const { status, headers, body } = await get(app, islandPath('Hello', token));
		expect(status).toBe(200);
		expect(headers.get('x-mochi-island-error')).toBeNull();
		expect(body).toContain('[catch-all] rest=(_mochi/island/Hello)');
		expect(body).not.toContain('[hello-island]');
	});

	it('routes any other URL to the catch-all', async () => {
		const { status, body } = await get(app, '/some/deep/path');
		expect(status).toBe(200);
		expect(body).toContain('[catch-all] rest=(some/deep/path)');
	});

	/** Built, this page streams, so it carries the runtime and the stream module inline (page-document.ts). */
	const inlineModules = () => [...shell.matchAll(/<script type="module" async(?: nonce="[^"]*")?>([\s\S]+?)<\/script>/g)].map((match) => match[1]);

	it('references a runtime that loads', async () => {
		const scripts = [...shell.matchAll(/<script type="module"(?: async)? src="([^"]+)"><\/script>/g)].map((match) => match[1]);
		// The runtime and, on a streaming page, the stream module: by URL in dev; inline in a build, where the same
		// files are still served under the prefix for the pages that load them (every page that does not stream).
		const runtime = mode === 'built' ? [manifestAssets().runtime, manifestAssets().stream] : scripts.filter((src) => src !== '/@vite/client');
		expect(runtime).toHaveLength(2);
		if (mode === 'built') {
			expect(scripts).toEqual([]);
			expect(runtime).toEqual([expect.stringMatching(/^\/static\/m\/assets\/runtime-[\w-]+\.js$/), expect.stringMatching(/^\/static\/m\/assets\/stream-[\w-]+\.js$/)]);
		}
		for (const [i, src] of runtime.entries()) {
			const { status, headers, body } = await get(app, src);
			expect(status).toBe(200);
			expect(headers.get('content-type')).toMatch(/javascript/);
			if (mode === 'built') {
				expect(headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
				expect(inlineModules()[i]).toBe(body.trim());
			}
		}
	});

	it('tells the runtime where islands live', async () => {
		const scripts = [...shell.matchAll(/<script type="module"(?: async)? src="([^"]+)"/g)].map((match) => match[1]);
		const src = scripts.find((script) => /runtime/.test(script))!;
		// Built: one bundle, inline. Dev: the runtime's modules as Vite serves them; the prefix is in app-config.js.
		const code = mode === 'built' ? inlineModules()[0] : (await get(app, src.replace(/index\.js$/, 'app-config.js'))).body;
		expect(code).toContain('/static/m');
		expect(code).not.toMatch(/__MOCHI_ASSET_PREFIX__|\/_mochi/);
	});
});
