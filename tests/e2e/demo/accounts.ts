// Signing in and out, the guarded /account page and a validation error, all through the demo's form actions
// (src/routes/sign-in.svelte, account.svelte, cart.svelte) and its hook (src/hooks.server.ts), in Chromium.
import type { Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Demo } from './fixture.js';
import { HEADER_ISLANDS } from './islands.js';
import { islandsSettled, WAIT } from './page.js';

const greeting = (page: Page) => page.locator('[data-testid=avatar] .name').textContent();
const userCookie = async (page: Page) => (await page.context().cookies()).find((cookie) => cookie.name === 'demo_user');
const pathOf = (url: string) => {
	const { pathname, search } = new URL(url);
	return pathname + search;
};

/** Clicks something that posts a form; gives the POST's own response once the page it leads to has loaded. */
async function submit(page: Page, click: () => Promise<void>): Promise<Response> {
	const posted = page.waitForResponse((response) => response.request().method() === 'POST', { timeout: WAIT });
	const loaded = page.waitForEvent('domcontentloaded', { timeout: WAIT * 2 });
	await click();
	const response = await posted;
	await loaded;
	return response;
}

export function accountsSuite(demo: Demo): void {
	describe('signing in and out through form actions', () => {
		// /about has no enhanced form of its own, so the header's forms (inside the Avatar island) stay plain POSTs
		// there; on the product pages they refresh the islands in place (enhanced-forms.ts).
		it('signs in from the header on /about, personalises the islands after the 303, then signs out again', async () => {
			const { page } = await demo.visitor();
			await page.goto(`${demo.url}/about`);
			await islandsSettled(page, HEADER_ISLANDS);

			await page.getByTestId('avatar').getByPlaceholder('Your name').pressSequentially('Grace Hopper');
			const signIn = await submit(page, () => page.getByTestId('avatar').getByRole('button', { name: 'Sign in' }).click());
			expect(pathOf(signIn.url())).toBe('/sign-in');
			expect(signIn.status()).toBe(303);
			expect(page.url()).toBe(`${demo.url}/about`);
			await islandsSettled(page, HEADER_ISLANDS);
			expect(await greeting(page)).toBe('Hi, Grace Hopper');
			expect(decodeURIComponent((await userCookie(page))!.value)).toBe('Grace Hopper');

			const signOut = await submit(page, () => page.getByTestId('avatar').getByRole('button', { name: 'Sign out' }).click());
			expect(pathOf(signOut.url())).toBe('/account?/signOut');
			expect(signOut.status()).toBe(303);
			expect(page.url()).toBe(`${demo.url}/about`);
			await islandsSettled(page, HEADER_ISLANDS);
			expect(await page.getByTestId('avatar').getByPlaceholder('Your name').isVisible()).toBe(true);
			expect(await page.locator('[data-testid=avatar] .name').count()).toBe(0);
			expect(await userCookie(page)).toBeUndefined();
		});
	});

	describe('the guarded /account page', () => {
		it('sends a signed-out visitor to sign in, then on to /account; signing out there leaves for the shop', async () => {
			const { page } = await demo.visitor();
			await page.goto(`${demo.url}/account`);
			expect(pathOf(page.url())).toBe('/sign-in?next=%2Faccount');
			expect(await page.locator('h1').textContent()).toBe('Sign in');

			const form = page.getByTestId('sign-in-form');
			await form.getByLabel('Your name').fill('Ada Lovelace');
			const signIn = await submit(page, () => form.getByRole('button', { name: 'Sign in' }).click());
			expect(signIn.status()).toBe(303);
			expect(page.url()).toBe(`${demo.url}/account`);
			expect(await page.getByTestId('account-name').textContent()).toBe('Ada Lovelace');
			await islandsSettled(page, HEADER_ISLANDS);
			expect(await greeting(page)).toBe('Hi, Ada Lovelace');

			// The page's own form (no JavaScript needed); /account itself is for members, so it goes to the shop.
			const signOut = await submit(page, () => page.locator('main').getByRole('button', { name: 'Sign out' }).click());
			expect(signOut.status()).toBe(303);
			expect(page.url()).toBe(`${demo.url}/`);
			expect(await userCookie(page)).toBeUndefined();
			await page.goto(`${demo.url}/account`);
			expect(pathOf(page.url())).toBe('/sign-in?next=%2Faccount');
		});

		it('renders for a visitor who has the cookie, and a sign-in page they visit sends them straight on', async () => {
			const { page } = await demo.visitor({ user: 'Ada Lovelace' });
			const response = await page.goto(`${demo.url}/account`);
			expect(response!.status()).toBe(200);
			expect(await page.getByTestId('account-name').textContent()).toBe('Ada Lovelace');
			expect(response!.headers()['cache-control']).toBe('private, no-store');

			await page.goto(`${demo.url}/sign-in?next=/cart`);
			expect(page.url()).toBe(`${demo.url}/cart`);
			expect(await page.locator('h1').textContent()).toBe("Ada Lovelace's cart");
		});
	});

	describe('a validation error from fail()', () => {
		it('shows the message on the page with the name as typed, signs nobody in, and the corrected form goes on', async () => {
			const { page } = await demo.visitor();
			await page.goto(`${demo.url}/sign-in?next=/cart`);
			const form = page.getByTestId('sign-in-form');
			await form.getByLabel('Your name').fill('Ada <b>3</b>');
			const refused = await submit(page, () => form.getByRole('button', { name: 'Sign in' }).click());
			expect(refused.status()).toBe(400);
			expect(pathOf(page.url())).toBe('/sign-in?next=/cart');
			expect(await form.getByRole('alert').textContent()).toBe('Letters, spaces, hyphens and apostrophes only, please.');
			const input = form.getByLabel('Your name');
			expect(await input.inputValue()).toBe('Ada <b>3</b>');
			expect(await input.getAttribute('aria-invalid')).toBe('true');
			// Kept as text in the input, never as markup.
			expect(await page.locator('main b').count()).toBe(0);
			expect(await userCookie(page)).toBeUndefined();

			await input.fill('Ada');
			const signedIn = await submit(page, () => form.getByRole('button', { name: 'Sign in' }).click());
			expect(signedIn.status()).toBe(303);
			expect(page.url()).toBe(`${demo.url}/cart`);
			expect(await page.locator('h1').textContent()).toBe("Ada's cart");
		});

		it('never follows a `next` that leaves the site', async () => {
			const { page, context } = await demo.visitor();
			const offsite: string[] = [];
			await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => {
				offsite.push(route.request().url());
				return route.abort();
			});
			for (const next of ['https://example.com/phish', '//example.com/phish', 'javascript:alert(1)']) {
				await page.goto(`${demo.url}/sign-in?next=${encodeURIComponent(next)}`);
				const form = page.getByTestId('sign-in-form');
				await form.getByLabel('Your name').fill('Ada');
				await submit(page, () => form.getByRole('button', { name: 'Sign in' }).click());
				expect(page.url(), next).toBe(`${demo.url}/`);
				await context.clearCookies();
			}
			expect(offsite).toEqual([]);
		});
	});
}
