// The docs in headless Chromium: the header's plain search form lands on /search, whose client island
// filters the build-time index; scrolling to the end of a guide page records it for the home page.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import type { Docs } from './fixture.js';

const WAIT = 15_000;

export function browserSuite(docs: Docs): void {
	let browser: Browser;
	let context: BrowserContext;
	const errors: Error[] = [];

	beforeAll(async () => {
		browser = await launchBrowser();
	}, 60_000);
	afterAll(async () => {
		await browser?.close();
	});
	afterEach(async () => {
		await context?.close();
		expect(errors.splice(0)).toEqual([]);
	});

	async function newPage(javaScriptEnabled = true) {
		context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1100, height: 700 } });
		context.setDefaultTimeout(WAIT);
		const page = await context.newPage();
		page.on('pageerror', (error) => errors.push(error));
		return page;
	}

	describe('the docs in Chromium', () => {
		it('the header search form goes to /search, and the search island lists matching sections', async () => {
			const page = await newPage();
			await page.goto(`${docs.url}/reference/cli`);
			await page.locator('header input[name="q"]').fill('rotation');
			await page.locator('header button').click();
			await page.waitForURL(/\/search\?q=rotation$/);
			const hits = page.locator('ol.hits a');
			await expect.poll(() => hits.evaluateAll((links) => links.map((a) => a.getAttribute('href'))), { timeout: WAIT }).toContain('/guide/tokens-and-keys#rotation');
			// Typing narrows it: every word must occur.
			await page.locator('main input[name="q"]').fill('rotation nginx');
			await expect.poll(() => page.locator('.count').textContent(), { timeout: WAIT }).toBe('Nothing matches.');
			await page.locator('main input[name="q"]').fill('MOCHI_XFF_DEPTH');
			await expect.poll(() => hits.count(), { timeout: WAIT }).toBeGreaterThan(0);
			for (const href of await hits.evaluateAll((links) => links.map((a) => a.getAttribute('href')!))) {
				expect(href).toMatch(/^\/(guide|reference)\//);
			}
		});

		it('without JavaScript, /search lists every page instead', async () => {
			const page = await newPage(false);
			await page.goto(`${docs.url}/search?q=rotation`);
			const links = await page.locator('main ul a').count();
			expect(links).toBeGreaterThan(12);
			expect(await page.locator('.count').textContent()).toContain('needs JavaScript');
		});

		it('reading a guide page to its end makes the home page offer the next one', async () => {
			const page = await newPage();
			await page.goto(`${docs.url}/`);
			await expect.poll(() => page.locator('.continue').textContent(), { timeout: WAIT }).toContain('New here?');
			await page.goto(`${docs.url}/guide/request-context`);
			// Not fetched before the reader gets there (mochi:defer:visible).
			expect(await page.locator('.next mochi-island').getAttribute('state')).toBeNull();
			await page.locator('footer.next').scrollIntoViewIfNeeded();
			await page.locator('.next mochi-island[state="loaded"]').waitFor();
			expect(await page.locator('.next .mark').textContent()).toContain('Request context');
			await page.goto(`${docs.url}/`);
			await page.locator('.continue mochi-island[state="loaded"]').waitFor();
			expect(await page.locator('.continue a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
				'/guide/request-context',
				'/guide/hooks-and-actions'
			]);
		});
	});
}
