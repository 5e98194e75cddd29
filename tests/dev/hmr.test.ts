// `mochi dev` in Chromium: editing a client island updates it in place (no reload, Svelte HMR);
// editing a server-only page reloads the page with the new HTML.
import { describe, expect, it } from 'vitest';
import { useDevCopy } from './fixture.js';

const WAIT = 10_000;

describe('dev server HMR', () => {
	const dev = useDevCopy('client-islands');

	it('updates a hydrated island in place when its source changes', async () => {
		const { page } = dev;
		await page.goto(`${dev.url}/`);
		await page.waitForSelector('mochi-island[name=Counter][state=hydrated]', { timeout: WAIT });
		await page.locator('button.counter').first().click();
		await expect.poll(() => page.locator('button.counter').first().textContent(), { timeout: WAIT }).toBe('a: 6');
		await page.evaluate(() => ((window as any).__sameDocument = true));

		dev.edit('src/lib/Counter.svelte', '{label}: {count}', '{label} = {count}');

		await expect.poll(() => page.locator('button.counter').first().textContent(), { timeout: WAIT }).toMatch(/^a = \d+$/);
		expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
		// Still interactive after the update.
		const before = Number((await page.locator('button.counter').first().textContent())!.split(' = ')[1]);
		await page.locator('button.counter').first().click();
		await expect.poll(() => page.locator('button.counter').first().textContent(), { timeout: WAIT }).toBe(`a = ${before + 1}`);
	});

	it('reloads the page with fresh HTML when a server-only page changes', async () => {
		const { page } = dev;
		await page.goto(`${dev.url}/`);
		await page.evaluate(() => ((window as any).__sameDocument = true));
		dev.edit('src/routes/index.svelte', '<h1>Client islands</h1>', '<h1>Client islands, edited</h1>');
		await expect.poll(() => page.locator('h1').textContent(), { timeout: WAIT }).toBe('Client islands, edited');
		expect(await page.evaluate(() => (window as any).__sameDocument)).toBeUndefined();
		await page.waitForSelector('mochi-island[name=Counter][state=hydrated]', { timeout: WAIT });
	});
});
