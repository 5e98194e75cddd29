// Every form of the demo works with JavaScript switched off: the islands can't load (their fallbacks stay),
// but the footer leads to the account, and signing in, the cart and signing out are plain form actions.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Demo } from './fixture.js';
import { WAIT } from './page.js';

/** Clicks a submit button and waits for the page the POST leads to (the same URL, often). */
async function post(page: Page, click: () => Promise<void>): Promise<number> {
	const posted = page.waitForResponse((response) => response.request().method() === 'POST', { timeout: WAIT });
	const loaded = page.waitForEvent('domcontentloaded', { timeout: WAIT * 2 });
	await click();
	const status = (await posted).status();
	await loaded;
	return status;
}

const cart = async (page: Page) => (await page.context().cookies()).find((cookie) => cookie.name === 'demo_cart')?.value;

export function noJavaScriptSuite(demo: Demo): void {
	describe('without JavaScript', () => {
		it('signs in, fills and empties the cart, and signs out, with the pages’ own forms', async () => {
			const { page } = await demo.visitor({ javaScript: false });
			await page.goto(`${demo.url}/`);
			expect(await page.getByTestId('avatar-fallback').isVisible()).toBe(true);

			await page.locator('footer').getByRole('link', { name: 'Your account' }).click();
			await page.waitForURL(`${demo.url}/sign-in?next=%2Faccount`, { timeout: WAIT });
			await page.getByTestId('sign-in-form').getByLabel('Your name').fill('Ada');
			expect(await post(page, () => page.getByTestId('sign-in-form').getByRole('button', { name: 'Sign in' }).click())).toBe(303);
			expect(page.url()).toBe(`${demo.url}/account`);
			expect(await page.getByTestId('account-name').textContent()).toBe('Ada');

			await page.goto(`${demo.url}/`);
			expect(await post(page, () => page.getByRole('button', { name: 'Add to cart' }).click())).toBe(303);
			expect(page.url()).toBe(`${demo.url}/`);
			await page.goto(`${demo.url}/products/matcha`);
			await page.getByLabel('Quantity').fill('3');
			expect(await post(page, () => page.getByRole('button', { name: /^Add 1 to cart/ }).click())).toBe(303);
			expect(page.url()).toBe(`${demo.url}/products/matcha`);
			expect(decodeURIComponent((await cart(page))!)).toBe('mochi-set,matcha,matcha,matcha');

			await page.goto(`${demo.url}/cart`);
			expect(await page.locator('[data-testid=cart-items] li').count()).toBe(4);
			expect(await post(page, () => page.getByRole('button', { name: 'Remove Daifuku mochi set' }).click())).toBe(303);
			expect(page.url()).toBe(`${demo.url}/cart`);
			expect(await page.locator('[data-testid=cart-items] li').count()).toBe(3);
			expect(await post(page, () => page.getByRole('button', { name: 'Empty the cart' }).click())).toBe(303);
			expect(await page.getByTestId('cart-empty').isVisible()).toBe(true);
			expect(await cart(page)).toBeUndefined();

			await page.goto(`${demo.url}/account`);
			expect(await post(page, () => page.locator('main').getByRole('button', { name: 'Sign out' }).click())).toBe(303);
			expect(page.url()).toBe(`${demo.url}/`);
			expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain('demo_user');
		});

		it('shows a 404 in the shop’s own layout, styled, with the footer’s links', async () => {
			const { page } = await demo.visitor({ javaScript: false });
			const response = await page.goto(`${demo.url}/no-such-page`);
			expect(response!.status()).toBe(404);
			expect(await page.getByTestId('error-page').locator('h1').textContent()).toBe('We couldn’t find that page');
			expect(await page.locator('header .brand').textContent()).toBe('Mochi Market');
			expect(await page.locator('footer nav a').allTextContents()).toEqual(['About this demo', 'Your cart', 'Your account', 'A failing island']);
			// Styled: the error page's scoped rules are in the page's stylesheet.
			const size = await page.getByTestId('error-page').locator('.status').evaluate((element) => getComputedStyle(element).fontSize);
			expect(size).toBe('64px');
		});
	});
}
