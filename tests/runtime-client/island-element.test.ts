// The browser runtime in Chromium, against a fake island endpoint whose journal is the source of truth
// for what the page requested and when.
import http from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { closeLocally, listenLocally } from './local-server.js';
import { waitFor } from '../helpers/wait.js';
import { bundleRuntime } from './bundle-runtime.js';
import { islandPage } from './page.js';

interface IslandRequest {
	name: string;
	url: string;
	accept: string | undefined;
	cookie: string | undefined;
}

/** Ordered record of what the server saw: `request Fast`, `response Fast`, … */
const journal: string[] = [];
const islandRequests: IslandRequest[] = [];
const requested = (name: string) => islandRequests.filter((request) => request.name === name).length;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once every eager island has been requested; Fast answers only then (or 15 s after its own request), so "every eager
 * request reached the server before Fast's answer" holds on a loaded machine when the runtime fetches in
 * parallel, and fails (after the bounded wait) when one island's request waits for another's answer.
 */
const EAGER = ['Broken', 'Fast', 'Gone', 'Slow'];
let eagerSeen: () => void = () => {};
const eagerRequested = new Promise<void>((resolve) => (eagerSeen = resolve));
let fastSent: () => void = () => {};
const fastAnswered = new Promise<void>((resolve) => (fastSent = resolve));

/** How the fake endpoint answers each island. */
const islands: Record<string, (res: http.ServerResponse) => Promise<void>> = {
	Fast: async (res) => (await Promise.race([eagerRequested, sleep(15_000)]), html(res, '<p class="content">fast content</p>'), fastSent()),
	// Well after Fast, however loaded the machine: the next test sees Fast swapped in while Slow still waits.
	Slow: async (res) => (await fastAnswered, await sleep(1000), html(res, '<p class="content">slow content</p>')),
	Broken: async (res) => {
		res.writeHead(500, { 'content-type': 'text/plain', 'x-mochi-island-error': 'render' }).end('render failed');
	},
	// The connection closes with no answer: a network error in the browser.
	Gone: async (res) => void res.socket?.destroy(),
	Below: async (res) => html(res, '<p class="content">below content</p>'),
	BelowText: async (res) => html(res, '<p class="content">text island content</p>'),
	Custom: async (res) => html(res, '<p class="content">custom prefix content</p>')
};

function html(res: http.ServerResponse, body: string) {
	res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
}

let server: http.Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
	// Bundled from the TypeScript source by Vite, as an app build does; one copy relies on the
	// '/_mochi' fallback (no define), the other on `define` replacing __MOCHI_ASSET_PREFIX__.
	const runtime = await bundleRuntime();
	const customRuntime = await bundleRuntime({ assetPrefix: '/custom-prefix' });

	server = http.createServer((req, res) => {
		// No keep-alive: Chromium silently retries a request whose reused socket closes without an answer,
		// which would make `Gone` look requested twice.
		res.setHeader('connection', 'close');
		const url = new URL(req.url!, 'http://localhost');
		const island = /^\/(?:_mochi|custom-prefix)\/island\/([^/]+)$/.exec(url.pathname);
		if (island) {
			const name = decodeURIComponent(island[1]);
			islandRequests.push({ name, url: req.url!, accept: req.headers.accept, cookie: req.headers.cookie });
			journal.push(`request ${name}`);
			if (EAGER.every((eager) => requested(eager) > 0)) eagerSeen();
			res.once('close', () => journal.push(`response ${name}`));
			return void (islands[name]?.(res) ?? res.writeHead(404).end());
		}
		if (url.pathname === '/runtime.js' || url.pathname === '/custom-runtime.js') {
			const code = url.pathname === '/runtime.js' ? runtime.code : customRuntime.code;
			return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(code);
		}
		if (url.pathname === '/') return html(res, islandPage('/runtime.js'));
		if (url.pathname === '/custom') {
			return html(res, '<script type="module" src="/custom-runtime.js"></script>' +
				'<mochi-island name="Custom" signed-props="tok-custom">custom fallback</mochi-island>');
		}
		res.writeHead(404).end();
	});
	base = await listenLocally(server);
	browser = await launchBrowser();
	// Two Vite bundles and Chromium: past the default hook timeout on a busy machine.
}, 90_000);

afterAll(async () => {
	await browser?.close();
	await closeLocally(server);
});

interface RecordedEvent {
	type: string;
	name: string;
	state: string | null;
	detail: { status: number; reason: string } | null;
	slowText: string;
	slowFallbackVisible: boolean;
}

const events = (page: Page) => page.evaluate(() => (window as unknown as { __events: RecordedEvent[] }).__events);
const eventFor = async (page: Page, name: string) =>
	(await events(page)).find((event) => event.name === name);

describe('<mochi-island>', () => {
	let page: Page;

	beforeAll(async () => {
		page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
		page.on('pageerror', (error) => console.error('page error:', error));
		await page.goto(`${base}/`);
	});

	it('shows every fallback before any island arrives', async () => {
		const initial = await page.evaluate(() => (window as unknown as { __initial: unknown }).__initial);
		expect(initial).toEqual([
			{ name: 'Fast', text: 'Loading fast…', visible: true },
			{ name: 'Slow', text: 'Loading slow…', visible: true },
			{ name: 'Broken', text: 'Broken fallback', visible: true },
			{ name: 'Gone', text: 'Gone fallback', visible: true },
			{ name: 'Below', text: 'Below fallback', visible: true },
			{ name: 'BelowText', text: 'text-only fallback', visible: true }
		]);
	});

	it('fetches eager islands in parallel, with the token and cookies', async () => {
		await waitFor(() => journal.includes('response Slow'), { what: 'the slow island to be answered' });
		// Every eager request reached the server before Fast's answer left it: no island waited for another.
		const fastAnswered = journal.indexOf('response Fast');
		const eagerRequests = journal.slice(0, fastAnswered).filter((line) => line.startsWith('request')).sort();
		expect(eagerRequests).toEqual(['request Broken', 'request Fast', 'request Gone', 'request Slow']);

		const fast = islandRequests.find((request) => request.name === 'Fast')!;
		expect(fast.url).toBe('/_mochi/island/Fast?p=tok-fast');
		expect(fast.cookie).toBe('session=abc');
	});

	it('swaps the fast island in while the slow one still shows its fallback', async () => {
		const slow = await waitFor(() => eventFor(page, 'Slow'), { what: 'the slow island load event' });
		const list = await events(page);
		const fast = list.find((event) => event.name === 'Fast')!;
		expect(fast).toMatchObject({ type: 'mochi:island-load', state: 'loaded', detail: null });
		const order = list.map((event) => event.name);
		expect(order.indexOf('Fast')).toBeLessThan(order.indexOf('Slow'));
		// Snapshot taken inside Fast's load event: Slow was still its fallback, and visible.
		expect(fast.slowText).toBe('Loading slow…');
		expect(fast.slowFallbackVisible).toBe(true);
		expect(slow.type).toBe('mochi:island-load');

		expect(await page.locator('mochi-island[name=Fast]').innerHTML()).toBe('<p class="content">fast content</p>');
		expect(await page.locator('mochi-island[name=Slow] .content').textContent()).toBe('slow content');
	});

	it('keeps the fallback and fires mochi:island-error when the server fails', async () => {
		const broken = await waitFor(() => eventFor(page, 'Broken'), { what: 'the broken island error event' });
		expect(broken).toMatchObject({
			type: 'mochi:island-error',
			state: 'error',
			detail: { status: 500, reason: 'render' }
		});
		expect(await page.locator('mochi-island[name=Broken] .fallback').isVisible()).toBe(true);
		expect(await page.locator('mochi-island[name=Broken]').textContent()).toBe('Broken fallback');
	});

	it('reports a network failure with status 0 and reason "network"', async () => {
		const gone = await waitFor(() => eventFor(page, 'Gone'), { what: 'the network-failure island error event' });
		expect(gone).toMatchObject({ type: 'mochi:island-error', state: 'error', detail: { status: 0, reason: 'network' } });
		expect(await page.locator('mochi-island[name=Gone]').textContent()).toBe('Gone fallback');
	});

	it('fetches load="visible" islands only when scrolled near (200px margin)', async () => {
		// All eager islands have settled; the visible ones are far below the fold and were never requested.
		await waitFor(async () => (await events(page)).length >= 4, { what: 'the four eager islands to settle' });
		expect(requested('Below')).toBe(0);
		expect(requested('BelowText')).toBe(0);

		// 400px under the viewport: outside the 200px margin.
		await scrollAbove(page, 'mochi-island[name=Below] .fallback', 400);
		await settleFrames(page);
		expect(requested('Below')).toBe(0);

		// 100px under the viewport: inside the margin.
		await scrollAbove(page, 'mochi-island[name=Below] .fallback', 100);
		await waitFor(() => requested('Below') === 1, { what: 'the Below island request' });
		expect(requested('BelowText')).toBe(0);
		await waitFor(() => eventFor(page, 'Below'), { what: 'the Below load event' });
		expect(await page.locator('mochi-island[name=Below] .content').textContent()).toBe('below content');

		// A text-only fallback has no child element to observe; the runtime still notices it.
		await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
		await waitFor(() => requested('BelowText') === 1, { what: 'the BelowText island request' });
		await waitFor(() => eventFor(page, 'BelowText'), { what: 'the BelowText load event' });
		expect(await page.locator('mochi-island[name=BelowText]').innerHTML()).toBe(
			'<p class="content">text island content</p>'
		);
	});

	it('never fetches one element twice, even when it is moved in the DOM', async () => {
		await page.evaluate(() => {
			for (const name of ['Fast', 'Broken', 'Below']) {
				const element = document.querySelector(`mochi-island[name=${name}]`)!;
				element.remove();
				document.body.append(element);
			}
		});
		await settleFrames(page);
		// A round trip through the same server after the moves: any refetch would have been sent first.
		await page.evaluate(() => fetch('/ping'));
		for (const name of ['Fast', 'Slow', 'Broken', 'Below', 'BelowText']) expect(requested(name)).toBe(1);
		// A dropped connection is a network error: tried once and retried twice (resilience.test.ts).
		expect(requested('Gone')).toBe(3);
		expect(await page.locator('mochi-island[name=Broken]').getAttribute('state')).toBe('error');
	});

	it('uses the asset prefix Vite defines at build time', async () => {
		const custom = await browser.newPage();
		await custom.goto(`${base}/custom`);
		await waitFor(() => requested('Custom') === 1, { what: 'the Custom island request' });
		expect(islandRequests.find((request) => request.name === 'Custom')!.url).toBe(
			'/custom-prefix/island/Custom?p=tok-custom'
		);
		await expect
			.poll(() => custom.locator('mochi-island[name=Custom]').textContent(), { timeout: 5000 })
			.toBe('custom prefix content');
		await custom.close();
	});
});

describe('runtime bundle', () => {
	it('is one small module with no Node or server code', async () => {
		const { code, gzipped } = await bundleRuntime({ assetPrefix: '/_mochi', timeout: 10_000 }); // as an app build bakes them in
		// Client islands' code is a chunk of its own (bundle-size.test.ts has both figures).
		expect(gzipped).toBeLessThanOrEqual(1000);
		expect(code).not.toMatch(/node:|crypto|createHmac|MOCHI_KEY|devalue/);
		expect(code).toContain('customElements.define');
	});
});

/** Scrolls so the element's top sits `gap` px below the bottom of the viewport. */
async function scrollAbove(page: Page, selector: string, gap: number) {
	await page.evaluate(
		({ selector, gap }) => {
			const top = document.querySelector(selector)!.getBoundingClientRect().top + window.scrollY;
			window.scrollTo(0, top - window.innerHeight - gap);
		},
		{ selector, gap }
	);
}

/** Intersection observers report on rendering steps; two frames is enough for any pending one. */
async function settleFrames(page: Page) {
	await page.evaluate(
		() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 50))))
	);
}
