// The runtime as page-document.ts loads it (issue 14 item 4: an async module after the markup, preloaded from
// the head), in Chromium, on a page whose tail the server holds back: islands whose HTML has arrived are shown
// while the document is still loading. A deferred module (what prerendered and fetched pages had) waits for
// DOMContentLoaded, which cannot come before the tail: this test then times out.
import http from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { closeLocally, listenLocally } from './local-server.js';
import { createDocument } from '../../packages/mochi/dist/runtime/server/page-document.js';
import type { ServerManifest } from '../../packages/mochi/dist/runtime/server/app-types.js';
import { bundleRuntime } from './bundle-runtime.js';

/** The page exactly as Mochi writes its document (page-document.ts), cut before its tail, which the test holds back. */
const documentHtml = createDocument({
	manifest: { assetPrefix: '/_mochi', islandPreload: false } as ServerManifest,
	assets: { runtime: '/runtime.js', css: {} },
	fill: (head, body) =>
		`<!doctype html><html><head><meta charset="utf-8">` +
		`<script>window.__dcl = false; addEventListener('DOMContentLoaded', () => (window.__dcl = true));</script>${head}</head>` +
		`<body>${body}<p id="end">end</p></body></html>`
})(
	'/',
	'',
	'<mochi-island name="Early" signed-props="tok-early"><span class="fallback">early fallback</span></mochi-island>\n' +
		'<mochi-island name="Late" signed-props="tok-late"><span class="fallback">late fallback</span></mochi-island>'
);
const cut = documentHtml.indexOf('<p id="end">');
const [SENT, TAIL] = [documentHtml.slice(0, cut), documentHtml.slice(cut)];

/** The page's response, held open by the test. */
let held: http.ServerResponse | undefined;
let server: http.Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
	const runtime = await bundleRuntime();
	server = http.createServer((req, res) => {
		const url = new URL(req.url!, 'http://localhost');
		const island = /^\/_mochi\/island\/([^/]+)$/.exec(url.pathname);
		if (island) {
			const name = decodeURIComponent(island[1]);
			return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<p class="content">${name} content</p>`);
		}
		if (url.pathname === '/runtime.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(runtime.code);
		if (url.pathname === '/') {
			held = res;
			return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).write(SENT);
		}
		res.writeHead(404).end();
	});
	base = await listenLocally(server);
	browser = await launchBrowser();
}, 90_000);

afterAll(async () => {
	await browser?.close();
	await closeLocally(server);
});

const island = (page: Page, name: string) =>
	page.evaluate((name) => {
		const element = document.querySelector(`mochi-island[name=${name}]`)!;
		return { state: element.getAttribute('state'), html: element.innerHTML, loading: document.readyState === 'loading', dcl: (window as any).__dcl };
	}, name);

describe('the runtime before the document has ended', () => {
	let page: Page;

	beforeAll(async () => {
		page = await browser.newPage();
		page.on('pageerror', (error) => console.error('page error:', error));
		await page.goto(`${base}/`, { waitUntil: 'commit' });
	}, 30_000);

	it('swaps in an island whose HTML has arrived while the page is still loading', async () => {
		await page.waitForFunction(() => document.querySelector('mochi-island[name=Early]')?.getAttribute('state') === 'loaded', null, { timeout: 20_000 });
		// The server has not sent the end of the page: DOMContentLoaded cannot have fired.
		expect(await island(page, 'Early')).toEqual({ state: 'loaded', html: '<p class="content">Early content</p>', loading: true, dcl: false });
		await page.waitForFunction(() => document.querySelector('mochi-island[name=Late]')?.getAttribute('state') === 'loaded', null, { timeout: 20_000 });
		expect(await island(page, 'Late')).toEqual({ state: 'loaded', html: '<p class="content">Late content</p>', loading: true, dcl: false });
		// From the head, before the markup: the module is requested while the page is parsed, not once it has been.
		expect(SENT.indexOf('<link rel="modulepreload" href="/runtime.js">')).toBeLessThan(SENT.indexOf('<mochi-island'));
	});

	it('finishes the page normally once its tail arrives', async () => {
		held!.end(TAIL);
		await page.waitForFunction(() => (window as any).__dcl === true, null, { timeout: 20_000 });
		expect((await island(page, 'Early')).state).toBe('loaded');
		expect(await page.locator('mochi-island .fallback').count()).toBe(0);
	});
});
