// Enhanced forms and reloadIslands() in headless Chromium, against the built fixture tests/apps/enhance
// (DESIGN.md §9): islands refreshed in place with no document load, the same forms as plain POSTs without
// JavaScript, fail() answers, double submits, offline submits; reloads from a hydrated island. Dev and built.
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.js';
import { REPO, type RunningApp } from '../helpers/app.js';
import { MODES, START_TIMEOUT, startApp } from '../integration/support.js';

const ENHANCE = path.join(REPO, 'tests/apps/enhance');
const WAIT = 15_000;

describe.each(MODES)('enhanced forms in Chromium (%s)', (mode) => {
	let app: RunningApp;
	let browser: Browser;
	const contexts: BrowserContext[] = [];

	beforeAll(async () => {
		app = await startApp(mode, ENHANCE);
		browser = await launchBrowser();
	}, START_TIMEOUT);

	afterAll(async () => {
		await Promise.all(contexts.map((context) => context.close()));
		await browser?.close();
		await app?.stop();
	});

	async function setState(values: Record<string, unknown>): Promise<Record<string, unknown>> {
		const response = await fetch(`${app.url}/api/bump`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(values) });
		return response.json();
	}
	beforeEach(() => setState({ count: 0, mutations: 0, note: 'none' }));
	const setCount = (count: number) => setState({ count });

	/** A fresh visitor whose page records documents loaded, enhance and island events, and aria-busy it saw. */
	async function visit(url: string, options: { javaScriptEnabled?: boolean } = {}) {
		const context = await browser.newContext(options);
		contexts.push(context);
		const page = await context.newPage();
		const documents: string[] = [];
		page.on('request', (request) => void (request.resourceType() === 'document' && documents.push(request.method() + ' ' + request.url())));
		const errors: Error[] = [];
		page.on('pageerror', (error) => errors.push(error));
		await page.addInitScript(() => {
			const w = window as unknown as Record<string, unknown[]>;
			w.__events = [];
			w.__busy = [];
			for (const type of ['mochi:enhance-load', 'mochi:enhance-error', 'mochi:island-load', 'mochi:island-error']) {
				addEventListener(type, (event) => {
					const { target } = event;
					const detail = (event as CustomEvent).detail ?? null;
					w.__events.push({
						type,
						detail: JSON.parse(JSON.stringify(detail)),
						// Where it fired, and (enhance events) which form it was about, still in the page or not.
						name: target instanceof Element ? target.getAttribute('name') : 'document',
						form: detail?.form instanceof HTMLFormElement ? `${detail.form.className}${detail.form.isConnected ? '' : ' (detached)'}` : undefined
					});
				});
			}
			new MutationObserver((records) => {
				for (const record of records) {
					const target = record.target as Element;
					if (target.getAttribute('aria-busy') === 'true') w.__busy.push(`${target.tagName.toLowerCase()} ${target.getAttribute('name') ?? target.className}`);
				}
			}).observe(document, { subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
		});
		await page.goto(app.url + url);
		return { page, documents, errors };
	}
	const events = (page: Page, type: string) => page.evaluate((type) => (window as unknown as { __events: Array<{ type: string }> }).__events.filter((e) => e.type === type), type);
	const text = (page: Page, selector: string) => page.locator(selector).first().textContent({ timeout: WAIT });

	it('refreshes both islands in place: no document load, window and scroll kept', async () => {
		const { page, documents, errors } = await visit('/');
		await expect.poll(() => text(page, '.mini-cart'), { timeout: WAIT }).toBe('mini 0 items, note none');
		await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'kept'));
		await page.locator('.add-button').scrollIntoViewIfNeeded();
		const scroll = await page.evaluate(() => scrollY);
		expect(scroll).toBeGreaterThan(500);
		await page.locator('.add-button').click();
		await expect.poll(() => text(page, '.cart-count'), { timeout: WAIT }).toBe('count 1');
		await expect.poll(() => text(page, '.mini-cart'), { timeout: WAIT }).toBe('mini 1 items, note none');
		expect(await page.evaluate(() => (window as unknown as { marker: string }).marker)).toBe('kept');
		expect(await page.evaluate(() => scrollY)).toBe(scroll);
		expect(documents).toEqual([`GET ${app.url}/`]);
		// The page's own markup was not rendered again: only the islands were.
		expect(await text(page, '.mutations')).toBe('mutations 0');
		expect(await page.evaluate(() => document.activeElement?.className)).toBe('add-button');
		expect((await events(page, 'mochi:enhance-load')).length).toBe(1);
		expect(errors).toEqual([]);
	});

	it('a form inside an island its answer refreshes: the islands swap, and mochi:enhance-load reaches the form and the document once each', async () => {
		const { page, documents, errors } = await setCount(3).then(() => visit('/'));
		await expect.poll(() => text(page, '.mini-cart'), { timeout: WAIT }).toBe('mini 3 items, note none');
		// A listener on the form itself hears it too, though the form has left the page by then.
		await page.locator('form.clear').evaluate((form) => form.addEventListener('mochi:enhance-load', () => ((window as unknown as { onForm: number }).onForm = ((window as unknown as { onForm?: number }).onForm ?? 0) + 1)));
		await page.locator('.clear-button').click();
		await expect.poll(() => text(page, '.mini-cart'), { timeout: WAIT }).toBe('mini 0 items, note none');
		await expect.poll(() => text(page, '.cart-count'), { timeout: WAIT }).toBe('count 0');
		await expect.poll(() => events(page, 'mochi:enhance-load'), { timeout: WAIT }).toHaveLength(1);
		const [load] = (await events(page, 'mochi:enhance-load')) as unknown as Array<{ name: string; form: string; detail: { refreshed: string[]; failed: unknown[] } }>;
		// The submitted form left with the old fragment: the event fired on it and on the document, naming it.
		expect(load.name).toBe('document');
		expect(await page.evaluate(() => (window as unknown as { onForm?: number }).onForm)).toBe(1);
		expect(load.form).toBe('clear (detached)');
		expect(load.detail.refreshed).toEqual(['CartCount', 'MiniCart']);
		expect(load.detail.failed).toEqual([]);
		// The fresh fragment's form is a new one, in the page and enhanced like the first.
		expect(await page.evaluate(() => document.querySelector('form.clear')?.isConnected)).toBe(true);
		expect(documents).toEqual([`GET ${app.url}/`]);
		expect(errors).toEqual([]);
	});

	it('without JavaScript the same form is a plain POST: a 303, and the new state after it', async () => {
		const { page, documents } = await visit('/', { javaScriptEnabled: false });
		const statuses: number[] = [];
		page.on('response', (response) => void (response.request().method() === 'POST' && statuses.push(response.status())));
		await page.locator('.add-button').click();
		await page.waitForURL(`${app.url}/`, { timeout: WAIT });
		await expect.poll(() => text(page, '.mutations'), { timeout: WAIT }).toBe('mutations 1');
		expect(statuses).toEqual([303]);
		expect(documents).toEqual([`GET ${app.url}/`, `POST ${app.url}/?/add`, `GET ${app.url}/`]);
	});

	it('a fail() answer shows the validation message, and the page it shows is enhanced again', async () => {
		const { page } = await visit('/');
		await page.locator('form.add input[name=qty]').fill('zero');
		await page.locator('.add-button').click();
		await expect.poll(() => text(page, '.invalid'), { timeout: WAIT }).toBe('"zero" is not a quantity');
		// The shown page's islands load, and its forms still submit in place.
		await expect.poll(() => text(page, '.cart-count'), { timeout: WAIT }).toBe('count 0');
		await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'kept'));
		await page.locator('form.add input[name=qty]').fill('3');
		await page.locator('.add-button').click();
		await expect.poll(() => text(page, '.cart-count'), { timeout: WAIT }).toBe('count 3');
		expect(await page.evaluate(() => (window as unknown as { marker: string }).marker)).toBe('kept');
	});

	it('a double click mutates once; the form is aria-busy and its button disabled meanwhile', async () => {
		const { page } = await visit('/');
		await expect.poll(() => text(page, '.cart-count'), { timeout: WAIT }).toBe('count 0');
		await page.locator('form.add input[name=slow]').check();
		await page.locator('.add-button').dblclick();
		// Enter in the field as well: a second submission of a form in flight is ignored.
		await page.evaluate(() => document.querySelector<HTMLFormElement>('form.add')!.requestSubmit());
		expect(await page.locator('form.add').getAttribute('aria-busy')).toBe('true');
		expect(await page.locator('.add-button').isDisabled()).toBe(true);
		// The action is held (the fixture's gate) until now: exactly one submission reached it.
		await expect.poll(async () => (await setState({ open: true })).released, { timeout: WAIT }).toBe(1);
		await expect.poll(() => text(page, '.cart-count'), { timeout: WAIT }).toBe('count 1');
		await expect.poll(() => page.locator('form.add').getAttribute('aria-busy'), { timeout: WAIT }).toBe(null);
		expect(await page.locator('.add-button').isDisabled()).toBe(false);
		const after = await setState({ open: true });
		expect(after.released, 'a submission still held').toBe(0);
		expect(after.mutations).toBe(1);
	});

	it('offline: the form stays as it was and mochi:enhance-error says why', async () => {
		const { page } = await visit('/');
		await expect.poll(() => text(page, '.cart-count'), { timeout: WAIT }).toBe('count 0');
		await page.locator('form.add input[name=qty]').fill('7');
		await page.context().setOffline(true);
		await page.locator('.add-button').click();
		await expect.poll(async () => (await events(page, 'mochi:enhance-error')).length, { timeout: WAIT }).toBe(1);
		const [event] = (await events(page, 'mochi:enhance-error')) as unknown as Array<{ detail: { reason: string } }>;
		expect(event.detail.reason).toBe('network');
		expect(await page.locator('form.add input[name=qty]').inputValue()).toBe('7');
		expect(await page.locator('.add-button').isDisabled()).toBe(false);
		expect(await page.locator('form.add').getAttribute('aria-busy')).toBe(null);
		await page.context().setOffline(false);
		expect((await setState({})).mutations).toBe(0);
	});

	it('multipart, an endpoint, a hook and a redirect elsewhere', async () => {
		const { page, documents } = await visit('/');
		await expect.poll(() => text(page, '.cart-count'), { timeout: WAIT }).toBe('count 0');
		await page.locator('form.upload input[type=file]').setInputFiles({ name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
		await page.locator('form.upload button').click();
		await expect.poll(() => text(page, '.mini-cart'), { timeout: WAIT }).toBe('mini 2 items, note file a.txt hello');
		await page.locator('form.endpoint button').click();
		await expect.poll(() => text(page, '.cart-count'), { timeout: WAIT }).toBe('count 3');
		await page.locator('form.hooked button').click();
		await expect.poll(() => text(page, '.cart-count'), { timeout: WAIT }).toBe('count 13');
		await expect.poll(() => text(page, '.mini-cart'), { timeout: WAIT }).toBe('mini 13 items, note file a.txt hello');
		expect(documents).toEqual([`GET ${app.url}/`]);
		await page.locator('form.away button').click();
		await page.waitForURL(`${app.url}/elsewhere`, { timeout: WAIT });
		expect(await text(page, '.elsewhere')).toBe('Elsewhere');
	});

	describe('reloadIslands() from a hydrated island', () => {
		const reloaded = (page: Page, index: number) => expect.poll(() => page.locator('.reload-result').nth(index).textContent(), { timeout: WAIT });

		it('swaps in fresh content, every instance, with aria-busy meanwhile and the events again', async () => {
			const { page, errors } = await visit('/reload');
			await expect.poll(() => page.locator('.cart-count').allTextContents(), { timeout: WAIT }).toEqual(['count 0', 'count 0']);
			await expect.poll(() => page.locator('mochi-island[hydrate]').evaluateAll((all) => all.every((e) => e.getAttribute('state') === 'hydrated')), { timeout: WAIT }).toBe(true);
			const loadsBefore = (await events(page, 'mochi:island-load')).length;
			await setState({ count: 5 });
			await page.locator('.reload').nth(0).click();
			await reloaded(page, 0).toBe('done ');
			expect(await page.locator('.cart-count').allTextContents()).toEqual(['count 5', 'count 5']);
			expect(await page.evaluate(() => (window as unknown as { __busy: string[] }).__busy)).toEqual(['mochi-island CartCount', 'mochi-island CartCount']);
			expect((await events(page, 'mochi:island-load')).length).toBe(loadsBefore + 2);
			expect(await page.locator('mochi-island[aria-busy]').count()).toBe(0);
			expect(errors).toEqual([]);
		});

		it('a failed reload keeps the old content and resolves with the failure', async () => {
			const { page } = await visit('/reload');
			await expect.poll(() => text(page, '.flaky'), { timeout: WAIT }).toBe('flaky 0');
			await expect.poll(() => page.locator('mochi-island[hydrate]').evaluateAll((all) => all.every((e) => e.getAttribute('state') === 'hydrated')), { timeout: WAIT }).toBe(true);
			await setState({ count: 9, note: 'break' });
			await page.locator('.reload').nth(1).click();
			await reloaded(page, 1).toBe('done Flaky:500');
			expect(await text(page, '.flaky')).toBe('flaky 0');
			const failures = (await events(page, 'mochi:island-error')) as unknown as Array<{ name: string; detail: { reason: string } }>;
			expect(failures.map((f) => [f.name, f.detail.reason])).toEqual([['Flaky', 'render']]);
		});

		it('a hydrated deferred island is unmounted, hydrated again and interactive after a reload', async () => {
			const { page } = await visit('/reload');
			const clicker = page.locator('.clicker');
			await expect.poll(() => page.locator('mochi-island[hydrate]').evaluateAll((all) => all.length > 0 && all.every((e) => e.getAttribute('state') === 'hydrated')), { timeout: WAIT }).toBe(true);
			await clicker.click();
			await clicker.click();
			await expect.poll(() => clicker.textContent(), { timeout: WAIT }).toBe('server 0, clicks 2');
			await page.locator('.reload').nth(2).click();
			await reloaded(page, 2).toBe('done ');
			await expect.poll(() => clicker.textContent(), { timeout: WAIT }).toBe('server 0, clicks 0');
			await expect.poll(() => page.locator('mochi-island[name=Clicker] mochi-island[hydrate]').getAttribute('state'), { timeout: WAIT }).toBe('hydrated');
			await clicker.click();
			await expect.poll(() => clicker.textContent(), { timeout: WAIT }).toBe('server 0, clicks 1');
		});

		it('two reloads of one island at once queue: never more than one request per island in flight', async () => {
			const { page } = await visit('/reload');
			await expect.poll(() => page.locator('mochi-island[hydrate]').evaluateAll((all) => all.every((e) => e.getAttribute('state') === 'hydrated')), { timeout: WAIT }).toBe(true);
			let inFlight = 0;
			let most = 0;
			let requests = 0;
			const isCart = (url: string) => url.includes('/_mochi/island/CartCount');
			page.on('request', (request) => void (isCart(request.url()) && (requests++, (most = Math.max(most, ++inFlight)))));
			const done = (request: { url(): string }) => void (isCart(request.url()) && inFlight--);
			page.on('requestfinished', done);
			page.on('requestfailed', done);
			await setState({ count: 4 });
			await page.evaluate(() => {
				const button = document.querySelector<HTMLButtonElement>('.reload')!;
				button.click();
				button.click();
			});
			await reloaded(page, 0).toBe('done ');
			await expect.poll(() => requests, { timeout: WAIT }).toBe(4);
			await expect.poll(() => inFlight, { timeout: WAIT }).toBe(0);
			// Two instances, each with its own queue: two requests at most at any moment.
			expect(most).toBeLessThanOrEqual(2);
			expect(await page.locator('.cart-count').allTextContents()).toEqual(['count 4', 'count 4']);
		});
	});
});
