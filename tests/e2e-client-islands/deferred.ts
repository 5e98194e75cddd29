// `<Cart mochi:defer mochi:hydrate>`: the fetched fragment carries a client island, its props block
// and Svelte's `hydratable()` data; the island is live after the swap.
import { describe, expect, it } from 'vitest';
import type { TestApp } from './fixture.js';
import { hydrated, islandEvents } from './page.js';

/** The client island inside the deferred Cart's fragment (the shell is `mochi-island[signed-props]`). */
const CART = 'mochi-island[name=Cart][hydrate]';

export function deferredSuite(app: TestApp): void {
	describe('a deferred and hydrated island', () => {
		it('shows the cookie cart after the swap and is interactive', async () => {
			const { page, warnings } = await app.visitor({ cookies: { cart: 'apple,pear' } });
			await page.goto(`${app.url}/`);
			await hydrated(page, CART);
			expect(await page.locator('mochi-island[name=Cart][signed-props]').getAttribute('state')).toBe('loaded');
			expect(await page.locator('.cart li').allTextContents()).toEqual(['apple remove apple', 'pear remove pear']);
			expect(await page.locator('.cart .count').textContent()).toBe('2 items');

			await page.getByRole('button', { name: 'remove apple' }).click();
			await expect.poll(() => page.locator('.cart .count').textContent()).toBe('1 items');
			expect(await page.locator('.cart li').allTextContents()).toEqual(['pear remove pear']);

			// The fragment's hydratable() script ran before hydration: no "hydratable missing" or mismatch warning.
			expect(warnings.filter((line) => /hydrat/i.test(line))).toEqual([]);
			const cartEvents = (await islandEvents(page)).filter((event) => event.name === 'Cart');
			// The shell loads (the swap), then the client island inside it hydrates.
			expect(cartEvents.map((event) => `${event.type} ${event.state}`)).toEqual(['mochi:island-load loaded', 'mochi:island-hydrate hydrated']);
		});

		it('hydrates from the props block of its own fragment, not the page block with the same id', async () => {
			const { page } = await app.visitor({ cookies: { cart: 'fig' } });
			await page.goto(`${app.url}/`);
			await hydrated(page, CART);
			// By construction both the page and the fragment number their first block 0.
			const blocks = await page.evaluate(() =>
				[...document.querySelectorAll('script[id="mochi-props-0"]')].map((script) => ({
					inCart: !!script.closest('mochi-island[name=Cart][signed-props]'),
					text: script.textContent
				}))
			);
			expect(blocks).toEqual([
				{ inCart: false, text: '[{"start":1,"label":2},5,"a"]' },
				{ inCart: true, text: '[{"title":1},"Your cart"]' }
			]);
			expect(await page.locator(CART).getAttribute('props-ref')).toBe('mochi-props-0');
			// Hydrated with the page's block, `title` would be undefined and the heading would be emptied.
			expect(await page.locator('.cart h2').textContent()).toBe('Your cart');
			await page.getByRole('button', { name: 'remove fig' }).click();
			await expect.poll(() => page.locator('.cart .count').textContent()).toBe('0 items');
			expect(await page.locator('.cart h2').textContent()).toBe('Your cart');
		});
	});
}
