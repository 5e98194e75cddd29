// Personal islands on a shared shell: the prerendered / is the same file for everyone, and each
// visitor's cookies travel with their island requests.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Demo } from './fixture.js';
import { FALLBACK_TEXT, HOME_ISLANDS } from './islands.js';
import { islandsSettled } from './page.js';

const greeting = (page: Page) => page.locator('[data-testid=avatar] .name').textContent();
const cartCount = (page: Page) => page.locator('[data-testid=cart-count]').textContent();

/**
 * Clicks a button of an enhanced form on / (the answer: refresh these islands, here), and waits until the
 * islands it names have loaded again. Without a document load: the window's marker survives.
 */
async function submitInPlace(page: Page, button: string, islands: string[]) {
	await page.evaluate(() => ((window as unknown as { __mochi: { events: unknown[] } }).__mochi.events = []));
	await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'kept'));
	await page.getByRole('button', { name: button }).click();
	await islandsSettled(page, islands);
	expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('kept');
}

export function visitorsSuite(demo: Demo): void {
	describe('a signed-in visitor', () => {
		it('signs in through the Avatar form and is greeted by name on /', async () => {
			const { page, context } = await demo.visitor();
			await page.goto(`${demo.url}/`);
			await islandsSettled(page, HOME_ISLANDS);

			await page.getByPlaceholder('Your name').pressSequentially('Ada Lovelace');
			await submitInPlace(page, 'Sign in', HOME_ISLANDS);

			// The shell is the shared prerendered file: the name comes only from the island.
			const response = await page.reload();
			expect(await response!.text()).not.toContain('Ada');
			await islandsSettled(page, HOME_ISLANDS);
			const [cookie] = (await context.cookies()).filter((c) => c.name === 'demo_user');
			expect(decodeURIComponent(cookie.value)).toBe('Ada Lovelace');

			expect(await greeting(page)).toBe('Hi, Ada Lovelace');
			expect(await page.getByTestId('avatar-fallback').count()).toBe(0);
			expect(await page.getByText(FALLBACK_TEXT.Avatar).count()).toBe(0);
			expect(await page.getByPlaceholder('Your name').count()).toBe(0);
		});
	});

	describe('two visitors at once', () => {
		it('each sees only their own name and their own cart', async () => {
			const ada = (await demo.visitor({ user: 'Ada Lovelace' })).page;
			const grace = (await demo.visitor({ user: 'Grace Hopper' })).page;
			const both = [
				{ page: ada, own: 'Ada Lovelace', other: 'Grace Hopper' },
				{ page: grace, own: 'Grace Hopper', other: 'Ada Lovelace' }
			];

			const loadBoth = async (load: (page: Page) => Promise<unknown>) => {
				await Promise.all([load(ada), load(grace)]);
				await Promise.all([islandsSettled(ada, HOME_ISLANDS), islandsSettled(grace, HOME_ISLANDS)]);
			};
			await loadBoth((page) => page.goto(`${demo.url}/`));
			for (const { page, own, other } of both) {
				expect(await greeting(page)).toBe(`Hi, ${own}`);
				expect(await page.getByTestId('recommended').locator('h2').textContent()).toBe(`Recommended for you, ${own}`);
				expect(await page.locator('body').textContent()).not.toContain(other);
				expect(await cartCount(page)).toBe('🛒 0 items');
			}

			await submitInPlace(ada, 'Add to cart', ['CartCount', 'MiniCart']);
			expect(await cartCount(ada)).toBe('🛒 1 item');

			await loadBoth((page) => page.reload());
			expect(await cartCount(ada)).toBe('🛒 1 item');
			expect(await cartCount(grace)).toBe('🛒 0 items');
			for (const { page, own } of both) expect(await greeting(page)).toBe(`Hi, ${own}`);
		});
	});
}
