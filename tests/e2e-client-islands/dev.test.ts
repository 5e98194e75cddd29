// Client islands under `mochi dev` (Vite in this process): islands hydrate from Vite-served modules.
// Editing and HMR are covered elsewhere.
import { describe, expect, it } from 'vitest';
import { clientOnlyDeferredSuite, clientOnlySuite } from './client-only.js';
import { useClientIslandsApp } from './fixture.js';
import { hydrated } from './page.js';

const app = useClientIslandsApp('dev');

describe('dev: client islands', () => {
	it('a counter hydrates and responds to clicks', async () => {
		const { page, warnings } = await app.visitor();
		await page.goto(`${app.url}/`);
		await hydrated(page, 'mochi-island[name=Counter]', 3);
		const first = page.locator('button.counter').first();
		await first.click();
		await expect.poll(() => first.textContent()).toBe('a: 6');
		expect(await page.locator('button.counter').nth(1).textContent()).toBe('a: 5');
		expect(warnings.filter((line) => /hydrat/i.test(line))).toEqual([]);
	});

	it('a deferred + hydrated Cart reads its hydratable() data and is interactive after the swap', async () => {
		// In dev, a missing hydratable() value is an error, not a warning: the island would report state="error".
		const { page, warnings } = await app.visitor({ cookies: { cart: 'apple,pear' } });
		await page.goto(`${app.url}/`);
		await hydrated(page, 'mochi-island[name=Cart][hydrate]');
		expect(await page.locator('.cart h2').textContent()).toBe('Your cart');
		await page.getByRole('button', { name: 'remove apple' }).click();
		await expect.poll(() => page.locator('.cart .count').textContent()).toBe('1 items');
		expect(warnings.filter((line) => /hydrat/i.test(line))).toEqual([]);
	});
});

clientOnlySuite(app);
clientOnlyDeferredSuite(app);
