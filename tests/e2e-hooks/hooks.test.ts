// Hooks and redirects in headless Chromium, dev and built: a page the hook guards, and server islands
// that throw redirect(): the page goes there when it is this origin, and stays when it is not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.js';
import type { RunningApp } from '../helpers/app.js';
import { MODES, START_TIMEOUT, startApp } from '../integration/support.js';
import { HOOKS } from '../integration/hooks-support.js';

const WAIT = 10_000;

describe.each(MODES)('hooks in Chromium (%s)', (mode) => {
	let app: RunningApp;
	let browser: Browser;
	const contexts: BrowserContext[] = [];

	beforeAll(async () => {
		app = await startApp(mode, HOOKS);
		browser = await launchBrowser();
	}, START_TIMEOUT);

	afterAll(async () => {
		await Promise.all(contexts.map((context) => context.close()));
		await browser?.close();
		await app?.stop();
	});

	/** A fresh visitor; requests to other sites are recorded and never leave the machine. */
	async function visitor(cookies: Record<string, string> = {}): Promise<{ page: Page; offsite: string[]; errors: Error[] }> {
		const context = await browser.newContext();
		contexts.push(context);
		const { hostname } = new URL(app.url);
		await context.addCookies(Object.entries(cookies).map(([name, value]) => ({ name, value, domain: hostname, path: '/' })));
		const offsite: string[] = [];
		await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => {
			offsite.push(route.request().url());
			return route.abort();
		});
		const page = await context.newPage();
		await page.addInitScript(() =>
			addEventListener('mochi:island-error', (event) => ((window as { islandError?: unknown }).islandError ??= (event as CustomEvent).detail))
		);
		const errors: Error[] = [];
		page.on('pageerror', (error) => errors.push(error));
		return { page, offsite, errors };
	}

	/** The `mochi:island-error` detail of the first island that fails on the page (recorded from the start). */
	async function islandError(page: Page) {
		const handle = await page.waitForFunction(() => (window as { islandError?: unknown }).islandError, undefined, { timeout: WAIT });
		return handle.jsonValue() as Promise<{ status: number; reason: string }>;
	}

	it('a guarded page sends a visitor without the cookie to /login, and renders with it', async () => {
		const anonymous = await visitor();
		await anonymous.page.goto(`${app.url}/account`);
		expect(new URL(anonymous.page.url()).pathname).toBe('/login');
		expect(await anonymous.page.locator('h1').textContent()).toBe('[login] Please sign in');

		const ada = await visitor({ user: 'Ada' });
		await ada.page.goto(`${app.url}/account`);
		expect(new URL(ada.page.url()).pathname).toBe('/account');
		expect(await ada.page.locator('h1').textContent()).toBe('[account] Welcome, Ada');
	});

	it('an island whose hook reads locals personalises, without any redirect', async () => {
		const { page, errors } = await visitor({ user: 'Ada' });
		await page.goto(`${app.url}/islands/whoami`);
		await page.waitForSelector('mochi-island[state=loaded]', { timeout: WAIT });
		expect(await page.locator('.whoami').textContent()).toBe('[whoami] user=Ada kind=island');
		expect(errors).toEqual([]);
	});

	it('an island that redirects sends the page there (same origin), never swapping the target in', async () => {
		const { page, offsite, errors } = await visitor();
		await page.goto(`${app.url}/islands/go-away`);
		await page.waitForURL(`${app.url}/about?from=island`, { timeout: WAIT });
		expect(await page.locator('h1').textContent()).toBe('[about]');
		// The cookie the island set before redirecting arrived.
		expect((await page.context().cookies()).map((cookie) => cookie.name)).toContain('went-away');
		expect(offsite).toEqual([]);
		expect(errors).toEqual([]);
	});

	it('an island the hook guards sends the page to /login', async () => {
		const { page } = await visitor();
		await page.goto(`${app.url}/islands/guarded`);
		await page.waitForURL(`${app.url}/login`, { timeout: WAIT });
		expect(await page.locator('h1').textContent()).toBe('[login] Please sign in');
	});

	it('an island that redirects to another origin does not move the page: the island fails, its fallback stays', async () => {
		const { page, offsite } = await visitor();
		await page.goto(`${app.url}/islands/go-elsewhere`);
		await page.waitForSelector('mochi-island[name=GoElsewhere][state=error]', { timeout: WAIT });
		await page.waitForSelector('mochi-island[name=SetStatus][state=error]', { timeout: WAIT });
		// Give a navigation, if any were coming, the time to start.
		await page.waitForTimeout(300);
		expect(page.url()).toBe(`${app.url}/islands/go-elsewhere`);
		expect(await page.locator('mochi-island[name=GoElsewhere]').textContent()).toBe('go-elsewhere fallback');
		expect(offsite).toEqual([]);
	});

	it.each([
		['another origin', 'https://example.com/phish'],
		['a host that starts like ours', '{origin}.evil.example/'],
		['another port', 'http://127.0.0.1:1/'],
		['a javascript: URL', 'javascript:alert(1)'],
		['a relative path (the server only sends absolute ones)', '/about']
	])('the runtime itself refuses %s in the header, whoever sent it', async (_, header) => {
		const { page, offsite, errors } = await visitor();
		const location = header.replace('{origin}', app.url);
		await page.route('**/_mochi/island/**', (route) =>
			route.fulfill({ status: 409, headers: { 'x-mochi-island-error': 'redirect', 'x-mochi-island-location': location }, body: 'Redirect.' })
		);
		await page.goto(`${app.url}/islands/whoami`);
		const detail = await islandError(page);
		expect(detail).toEqual({ status: 409, reason: 'redirect' });
		await page.waitForTimeout(300);
		expect(page.url()).toBe(`${app.url}/islands/whoami`);
		expect(await page.locator('mochi-island').textContent()).toBe('whoami fallback');
		expect(offsite).toEqual([]);
		expect(errors).toEqual([]);
	});
});
