// Every island kind under the strict policy, on an on-demand page and a prerendered one: all of them work
// (content swapped in, buttons hydrated and clickable, hydratable() data read in the page and in a
// fragment, the app's own nonce'd script and style applied) and the page reports zero violations.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hydrated, WAIT } from '../e2e-client-islands/page.js';
import { cspConsoleLines, type CspApp, type Visitor } from './fixture.js';

const PAGES = [
	{ path: '/', where: 'on-demand' },
	{ path: '/prerendered', where: 'prerendered' }
];

async function loaded(page: Page, selector: string): Promise<void> {
	await page.waitForFunction(
		(selector) => document.querySelector(selector)?.getAttribute('state') === 'loaded',
		selector,
		{ timeout: WAIT }
	);
}

/** No violation event and no CSP line in the console, once the page has settled. */
export async function expectNoViolations(app: CspApp, visitor: Visitor, path: string): Promise<void> {
	await visitor.page.waitForLoadState('networkidle');
	const violations = await visitor.violations();
	app.record(path, violations.length);
	expect(violations, 'securitypolicyviolation events').toEqual([]);
	expect(cspConsoleLines(visitor), 'CSP lines in the console').toEqual([]);
}

export function showcaseSuite(app: CspApp): void {
	describe.each(PAGES)('$path ($where) under the strict policy', ({ path, where }) => {
		it('runs every island kind and the app\'s own nonce\'d tags, with zero violations', async () => {
			const visitor = await app.visitor();
			const { page } = visitor;
			await page.goto(`${app.url}${path}`);

			// A server island: fetched and swapped in.
			await loaded(page, 'mochi-island[name=Greeting]');
			expect(await page.locator('p.greeting').textContent()).toBe(`Hello from the server, ${where}`);

			// A client island: hydrated and clickable.
			await hydrated(page, 'mochi-island[name=Counter]');
			await page.locator('button.counter').click();
			await expect.poll(() => page.locator('button.counter').textContent(), { timeout: WAIT }).toBe('count: 2');

			// hydratable() in the page: Svelte's data script ran (nonce or hash), so the browser got the server's value.
			await hydrated(page, 'mochi-island[name=Stamp]');
			await expect.poll(() => page.locator('p.stamp').getAttribute('data-seen'), { timeout: WAIT }).toBe('from-server');
			await page.locator('button.stamp-button').click();
			await expect.poll(() => page.locator('button.stamp-button').textContent(), { timeout: WAIT }).toBe('stamped 1');

			// Deferred + hydrated, with hydratable() in the fragment.
			await hydrated(page, 'mochi-island[name=Cart][hydrate]');
			expect(await page.locator('mochi-island[name=Cart][signed-props]').getAttribute('state')).toBe('loaded');
			await expect.poll(() => page.locator('section.cart').getAttribute('data-seen'), { timeout: WAIT }).toBe('tea,cake');
			await page.getByRole('button', { name: 'remove tea' }).click();
			await expect.poll(() => page.locator('.cart .count').textContent(), { timeout: WAIT }).toBe('1 items');

			const seen = await page.evaluate(() => ({
				appInline: (window as unknown as { appInline?: string }).appInline,
				appStyle: getComputedStyle(document.querySelector('h1')!).outlineStyle,
				displays: [...new Set([...document.querySelectorAll('mochi-island')].map((island) => getComputedStyle(island).display))],
				styleAttributes: document.querySelectorAll('[style]').length
			}));
			expect(seen).toEqual({ appInline: 'ran', appStyle: 'dotted', displays: ['contents'], styleAttributes: 0 });
			await expectNoViolations(app, visitor, path);
			expect(visitor.console.filter((line) => /hydrat/i.test(line)), 'hydration warnings').toEqual([]);
		});
	});
}
