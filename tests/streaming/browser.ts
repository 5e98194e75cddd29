// Streaming in headless Chromium, under the app's strict CSP: streamed islands replace their fallbacks in
// completion order with no island request, a held island delays no other, deferred + hydrated islands become
// interactive, and the page reports no CSP violation.
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { WAIT } from '../e2e-client-islands/page.js';
import { newGate, release, type StreamingApp } from './fixture.js';

export interface StreamVisitor {
	page: Page;
	requests: Request[];
	/** Island events so far: type, island name and its text once settled. */
	events(): Promise<Array<{ type: string; name: string | null; text: string; reason: string | null }>>;
	violations(): Promise<unknown[]>;
	/** Requests to the island endpoint. */
	islandRequests(): string[];
}

/** Init script (as source): violations and island events from the first parse on. */
function instruments(): void {
	const w = window as unknown as { __violations: unknown[]; __events: unknown[] };
	w.__violations = [];
	w.__events = [];
	document.addEventListener('securitypolicyviolation', (event) => w.__violations.push({ directive: event.effectiveDirective, blocked: event.blockedURI }), true);
	for (const type of ['mochi:island-load', 'mochi:island-error', 'mochi:island-hydrate']) {
		document.addEventListener(
			type,
			(event) => {
				const target = event.target as Element;
				const reason = (event as CustomEvent<{ reason?: string } | undefined>).detail?.reason ?? null;
				w.__events.push({ type, name: target.getAttribute('name'), text: target.textContent?.trim() ?? '', reason });
			},
			true
		);
	}
}

export function useVisitors(): () => Promise<StreamVisitor> {
	let browser: Browser | undefined;
	const open: StreamVisitor[] = [];
	const errors: string[] = [];
	beforeAll(async () => {
		browser = await launchBrowser();
	}, 60_000);
	afterEach(async () => {
		const closing = open.splice(0);
		await Promise.all(closing.map((visitor) => visitor.page.context().close()));
		expect(errors.splice(0)).toEqual([]);
	});
	afterAll(async () => {
		await browser?.close();
	});
	return async () => {
		const context = await browser!.newContext();
		context.setDefaultTimeout(WAIT);
		await context.addInitScript(instruments);
		const page = await context.newPage();
		const requests: Request[] = [];
		page.on('request', (request) => requests.push(request));
		page.on('pageerror', (error) => errors.push(error.message));
		const visitor: StreamVisitor = {
			page,
			requests,
			events: () => page.evaluate(() => (window as unknown as { __events: never[] }).__events),
			violations: () => page.evaluate(() => (window as unknown as { __violations: unknown[] }).__violations),
			islandRequests: () => requests.map((request) => new URL(request.url()).pathname).filter((path) => path.startsWith('/_mochi/island/'))
		};
		open.push(visitor);
		return visitor;
	};
}

export function browserSuite(app: StreamingApp): void {
	const visitor = useVisitors();

	describe(`${app.mode}: in Chromium`, () => {
		it('swaps islands in as they arrive, in completion order, before the held one, with no island request', async () => {
			const gate = newGate();
			const { page, events, violations, islandRequests, requests } = await visitor();
			// Not waiting for the load event: it comes only once the held island is in.
			await page.goto(`${app.url}/?gate=${gate}`, { waitUntil: 'commit' });
			await page.getByTestId('fast-a').waitFor();
			await page.getByTestId('fast-b').waitFor();
			// The held island still shows its fallback, and the document is still loading.
			expect(await page.getByTestId('fallback-gated').isVisible()).toBe(true);
			expect(await page.evaluate(() => document.readyState)).toBe('loading');
			await release(app, gate);
			await page.getByTestId('gated').waitFor();
			expect((await events()).map((event) => `${event.type} ${event.text}`)).toEqual([
				'mochi:island-load fast a',
				'mochi:island-load fast b',
				'mochi:island-load gated released'
			]);
			expect(await page.locator('mochi-stream, template').count()).toBe(0);
			expect(await page.locator('mochi-island[stream]').count()).toBe(0);
			expect(islandRequests()).toEqual([]);
			// Built, the page carries the runtime and the stream module inline: no script is fetched before an island
			// can be swapped in (in dev, Vite serves them as modules).
			const scripts = requests.filter((request) => request.resourceType() === 'script').map((request) => new URL(request.url()).pathname);
			if (app.mode === 'built') expect(scripts.filter((path) => /\/(runtime|stream)-[^/]+\.js$/.test(path))).toEqual([]);
			else expect(scripts.length).toBeGreaterThan(0);
			expect(await violations()).toEqual([]);
		});

		it('hydrates a deferred + hydrated island with its hydratable() data, once its streamed HTML is in', async () => {
			const { page, events, violations, islandRequests } = await visitor();
			await page.goto(`${app.url}/hydrated`);
			await expect.poll(async () => (await events()).map((event) => event.type), { timeout: WAIT }).toContain('mochi:island-hydrate');
			// 5 is the server's hydratable() value; the browser's own would have been -1.
			await expect.poll(() => page.getByTestId('counter').textContent(), { timeout: WAIT }).toBe('count: 5');
			await page.getByTestId('counter').click();
			await expect.poll(() => page.getByTestId('counter').textContent(), { timeout: WAIT }).toBe('count: 6');
			expect(islandRequests()).toEqual([]);
			expect(await page.locator('script[data-mochi-hydratable]').count()).toBe(0);
			expect(await violations()).toEqual([]);
		});

		it('an island inside a streamed island is fetched once its parent is in', async () => {
			const { page, violations, islandRequests } = await visitor();
			await page.goto(`${app.url}/nested`);
			await page.getByTestId('inner').waitFor();
			expect(islandRequests()).toEqual(['/_mochi/island/Inner']);
			expect(await violations()).toEqual([]);
		});

		it('an island that sets a cookie gets it to the browser', async () => {
			const { page, violations } = await visitor();
			await page.goto(`${app.url}/cookie`);
			await page.getByTestId('sets-cookie').waitFor();
			await page.getByTestId('fast-a').waitFor();
			expect((await page.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`)).toContain('seen=yes');
			expect(await violations()).toEqual([]);
		});

		it('raw island HTML that would end its template is fetched and shown inside its island, nowhere else', async () => {
			const { page, violations, islandRequests } = await visitor();
			await page.goto(`${app.url}/raw`);
			await page.getByTestId('fast-a').waitFor();
			await page.getByTestId('escaped').waitFor();
			expect(await page.locator('mochi-island[name="RawHtml"] [data-testid="escaped"]').count()).toBe(1);
			expect(await page.getByTestId('escaped').count()).toBe(1);
			expect(islandRequests()).toEqual(['/_mochi/island/RawHtml']);
			expect(await violations()).toEqual([]);
		});

		it('a throwing island keeps its fallback and fires mochi:island-error with the reason a fetch gives', async () => {
			const { page, events, violations, islandRequests } = await visitor();
			await page.goto(`${app.url}/broken`);
			await page.getByTestId('fast-a').waitFor();
			await expect.poll(async () => (await events()).find((event) => event.name === 'Broken'), { timeout: WAIT }).toEqual({
				type: 'mochi:island-error',
				name: 'Broken',
				text: 'kept',
				reason: 'render'
			});
			expect(await page.locator('mochi-island[name="Broken"]').getAttribute('state')).toBe('error');
			expect(islandRequests()).toEqual([]);
			expect(await violations()).toEqual([]);
		});
	});
}
