// Prerendered dynamic pages in headless Chromium: tests/apps/entries built with one key and served with
// another (so every token was re-signed at start), visited as a reader would. The deferred island greets
// each visitor by their cookie; the hydrated counter counts clicks; a crawled page works like a listed one.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO, buildApp, startBuilt, type RunningApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';

const APP = path.join(REPO, 'tests/apps/entries');
const WAIT = 5000;

let app: RunningApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
const problems: string[] = [];

beforeAll(async () => {
	await buildApp(APP, { MOCHI_KEY: randomBytes(32).toString('base64url'), NODE_ENV: 'production' });
	app = await startBuilt(APP, { MOCHI_KEY: randomBytes(32).toString('base64url') });
	browser = await launchBrowser();
}, 180_000);

afterEach(async () => {
	await Promise.all(contexts.splice(0).map((context) => context.close()));
	expect(problems.splice(0), 'page errors and console warnings').toEqual([]);
});

afterAll(async () => {
	await browser?.close();
	await app?.stop();
});

async function visit(pathname: string, visitor: string): Promise<Page> {
	const context = await browser.newContext();
	contexts.push(context);
	context.setDefaultTimeout(WAIT);
	context.setDefaultNavigationTimeout(WAIT * 2);
	await context.addCookies([{ name: 'visitor', value: visitor, url: app.url }]);
	const page = await context.newPage();
	page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
	page.on('console', (message) => {
		if ((message.type() === 'warning' || message.type() === 'error') && !message.location().url.endsWith('/favicon.ico')) {
			problems.push(`${message.type()}: ${message.text()}`);
		}
	});
	const response = await page.goto(app.url + pathname);
	expect(response?.status()).toBe(200);
	// Served from memory, as prerendered: an ETag (on-demand pages have none).
	expect(response?.headers().etag).toBeTruthy();
	return page;
}

describe('a prerendered dynamic page in the browser (built)', () => {
	it.each([
		['/blog/hello%20world', 'hello world', 11],
		['/blog/deep', 'deep', 4]
	])('%s: the deferred island greets this visitor and the counter counts', async (pathname, slug, start) => {
		const page = await visit(pathname, 'ana');
		await expect.poll(() => page.locator('p.greeting').textContent(), { timeout: WAIT }).toBe(`Hello ana, reading ${slug}`);
		const counter = page.locator('button.counter');
		await expect.poll(() => page.locator('mochi-island[name=Counter]').getAttribute('state'), { timeout: WAIT }).toBe('hydrated');
		await counter.click();
		await counter.click();
		await expect.poll(() => counter.textContent(), { timeout: WAIT }).toBe(`count: ${start + 2}`);
	});

	it('gives another visitor of the same file their own greeting', async () => {
		const page = await visit('/blog/hello%20world', 'bo');
		await expect.poll(() => page.locator('p.greeting').textContent(), { timeout: WAIT }).toBe('Hello bo, reading hello world');
	});

	it('follows the link from a listed page to a crawled one', async () => {
		const page = await visit('/blog/hello', 'ana');
		await page.locator('a.next').click();
		await page.waitForURL(`${app.url}/blog/crawled`);
		await expect.poll(() => page.locator('p.greeting').textContent(), { timeout: WAIT }).toBe('Hello ana, reading crawled');
		expect(await page.locator('h1').textContent()).toBe('Found by a link');
	});
});
