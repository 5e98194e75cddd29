// The demo's enhanced forms in Chromium (issue 13, item 5): on the prerendered product page (/), adding to
// and removing from the cart refresh the header's CartCount and the MiniCart in place, and signing in from the
// header refreshes the islands that show the visitor. No document is loaded again: a marker set on `window`
// survives, and the page counts one document request in all.
import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Demo } from './fixture.js';
import { islandsSettled, WAIT } from './page.js';

/** Every document request the page makes from now on (method and path). */
function documentRequests(page: Page): string[] {
	const documents: string[] = [];
	page.on('request', (request: Request) => {
		if (request.resourceType() !== 'document') return;
		const url = new URL(request.url());
		documents.push(`${request.method()} ${url.pathname}${url.search}`);
	});
	return documents;
}

interface EnhanceLoad {
	/** The form element (a handle Playwright shows as a reference). */
	form: unknown;
	refreshed: string[];
	failed: unknown[];
}

/**
 * Listens for the next `mochi:enhance-load` of the form holding `button` (call before the click); gives a
 * function that waits for it. On the form itself, which hears it even when it is inside a refreshed island and
 * out of the document by then (tests/e2e-enhance checks the document hears it too).
 */
async function armEnhanceLoad(page: Page, button: string): Promise<() => Promise<EnhanceLoad>> {
	await page.locator(button).evaluate((element) => {
		const w = window as unknown as { __enhanceLoad: unknown };
		w.__enhanceLoad = null;
		(element as HTMLButtonElement).form!.addEventListener('mochi:enhance-load', (event) => (w.__enhanceLoad = (event as CustomEvent).detail), { once: true });
	});
	return async () => {
		const handle = await page.waitForFunction(() => (window as unknown as { __enhanceLoad: unknown }).__enhanceLoad, null, { timeout: WAIT * 2 });
		return (await handle.jsonValue()) as EnhanceLoad;
	};
}

const ADD = 'form[action="/cart?/add"] button';
const SIGN_IN = '[data-testid=avatar] button:text-is("Sign in")';
const SIGN_OUT = '[data-testid=avatar] button:text-is("Sign out")';

const count = (page: Page) => page.getByTestId('cart-count').textContent();
const miniCart = async (page: Page) => (await page.locator('[data-testid=mini-cart] li').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
const marker = (page: Page) => page.evaluate(() => (window as unknown as { marker?: string }).marker);
const cartCookie = async (page: Page) => (await page.context().cookies()).find((cookie) => cookie.name === 'demo_cart')?.value;

export function enhancedFormsSuite(demo: Demo): void {
	describe('enhanced forms on the prerendered product page', () => {
		it('adds to the cart in place: count and mini cart refreshed, no document loaded, scroll kept', async () => {
			const { page } = await demo.visitor();
			const documents = documentRequests(page);
			await page.setViewportSize({ width: 1000, height: 240 });
			await page.goto(`${demo.url}/`);
			await islandsSettled(page, ['CartCount', 'MiniCart', 'Avatar']);
			expect(await count(page)).toBe('🛒 0 items');
			expect(await page.getByTestId('mini-cart').textContent()).toContain('Nothing yet.');
			await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'kept'));
			// The button near the top of the view: scrolled, and still in view for the click.
			await page.evaluate(() => scrollTo(0, document.querySelector<HTMLElement>('form[action="/cart?/add"] button')!.getBoundingClientRect().top + scrollY - 20));
			const scroll = await page.evaluate(() => scrollY);
			expect(scroll).toBeGreaterThan(0);

			const loaded = await armEnhanceLoad(page, ADD);
			await page.getByRole('button', { name: 'Add to cart' }).click();
			expect(await loaded()).toEqual({ form: expect.anything(), refreshed: ['CartCount', 'MiniCart'], failed: [] });
			expect(await count(page)).toBe('🛒 1 item');
			expect(await miniCart(page)).toEqual(['Daifuku mochi set remove']);
			expect(await marker(page)).toBe('kept');
			expect(await page.evaluate(() => scrollY)).toBe(scroll);
			expect(documents).toEqual(['GET /']);
			expect(await cartCookie(page)).toBe('mochi-set');
		});

		it('removes from the mini cart in place, and the header count agrees', async () => {
			const { page, context } = await demo.visitor();
			await context.addCookies([{ name: 'demo_cart', value: 'matcha,kinako', url: demo.url }]);
			const documents = documentRequests(page);
			await page.goto(`${demo.url}/`);
			await islandsSettled(page, ['CartCount', 'MiniCart']);
			expect(await count(page)).toBe('🛒 2 items');
			await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'kept'));

			const loaded = await armEnhanceLoad(page, '[aria-label="Remove matcha"]');
			await page.getByRole('button', { name: 'Remove matcha' }).click();
			expect((await loaded()).failed).toEqual([]);
			expect(await miniCart(page)).toEqual(['Kinako dusting flour remove']);
			expect(await count(page)).toBe('🛒 1 item');
			expect(await marker(page)).toBe('kept');
			expect(documents).toEqual(['GET /']);
			expect(await cartCookie(page)).toBe('kinako');
		});

		it('a double click adds once', async () => {
			const { page } = await demo.visitor();
			const posts: number[] = [];
			page.on('response', (response) => void (response.request().method() === 'POST' && posts.push(response.status())));
			await page.goto(`${demo.url}/`);
			await islandsSettled(page, ['CartCount', 'MiniCart']);
			const loaded = await armEnhanceLoad(page, ADD);
			await page.getByRole('button', { name: 'Add to cart' }).dblclick();
			await loaded();
			expect(await count(page)).toBe('🛒 1 item');
			expect(await cartCookie(page)).toBe('mochi-set');
			// The runtime ignores a submit while one is in flight; the second click may also land on the disabled button.
			expect(posts).toEqual([204]);
		});

		it('signs in from the header in place: Avatar, cart and recommendations refreshed, then signs out in place', async () => {
			const { page, context } = await demo.visitor();
			await context.addCookies([{ name: 'demo_cart', value: 'yuzu-jam', url: demo.url }]);
			const documents = documentRequests(page);
			await page.goto(`${demo.url}/`);
			await islandsSettled(page, ['Avatar', 'CartCount', 'MiniCart', 'Recommended']);
			await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'kept'));

			await page.getByTestId('avatar').getByPlaceholder('Your name').fill('Grace Hopper');
			let loaded = await armEnhanceLoad(page, SIGN_IN);
			await page.getByTestId('avatar').getByRole('button', { name: 'Sign in' }).click();
			expect(await loaded()).toEqual({ form: expect.anything(), refreshed: ['Avatar', 'CartCount', 'MiniCart', 'Recommended'], failed: [] });
			expect(await page.locator('[data-testid=avatar] .name').textContent()).toBe('Hi, Grace Hopper');
			expect(await page.getByTestId('recommended').locator('h2').textContent()).toBe('Recommended for you, Grace Hopper');
			expect(await count(page)).toBe('🛒 1 item');
			expect(await marker(page)).toBe('kept');

			loaded = await armEnhanceLoad(page, SIGN_OUT);
			await page.getByTestId('avatar').getByRole('button', { name: 'Sign out' }).click();
			expect((await loaded()).failed).toEqual([]);
			expect(await page.getByTestId('avatar').getByPlaceholder('Your name').isVisible()).toBe(true);
			expect(await page.getByTestId('recommended').locator('h2').textContent()).toBe('Popular right now');
			expect(await marker(page)).toBe('kept');
			expect(documents).toEqual(['GET /']);
			expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('demo_user');
		});

		it('a refused name from the header shows the sign-in page with the message, as a plain POST would', async () => {
			const { page } = await demo.visitor();
			await page.goto(`${demo.url}/`);
			await islandsSettled(page, ['Avatar']);
			await page.getByTestId('avatar').getByPlaceholder('Your name').fill('<b>x</b>');
			await page.getByTestId('avatar').getByRole('button', { name: 'Sign in' }).click();
			await expect.poll(() => page.getByTestId('sign-in-form').getByRole('alert').textContent({ timeout: WAIT }), { timeout: WAIT * 2 }).toBe(
				'Letters, spaces, hyphens and apostrophes only, please.'
			);
			expect(await page.getByTestId('sign-in-form').getByLabel('Your name').inputValue()).toBe('<b>x</b>');
			expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain('demo_user');
		});
	});

	describe('enhanced forms without JavaScript', () => {
		it('adds to the cart and removes from it on / as plain POSTs and 303s, the new count after each', async () => {
			const { page } = await demo.visitor({ javaScript: false });
			const documents = documentRequests(page);
			await page.goto(`${demo.url}/`);
			const posted = page.waitForResponse((response) => response.request().method() === 'POST', { timeout: WAIT });
			await page.getByRole('button', { name: 'Add to cart' }).click();
			expect((await posted).status()).toBe(303);
			await page.waitForURL(`${demo.url}/`, { timeout: WAIT });
			expect(await cartCookie(page)).toBe('mochi-set');
			expect(documents).toEqual(['GET /', 'POST /cart?/add', 'GET /']);
			// The islands' fallbacks stay without JavaScript: the count is on the cart page.
			await page.goto(`${demo.url}/cart`);
			expect(await page.locator('[data-testid=cart-items] li').count()).toBe(1);
		});
	});
}
