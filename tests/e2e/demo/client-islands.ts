// The demo's interactive parts: a client island (the quantity picker) and a deferred + hydrated
// island (the mini cart), on the on-demand product page,
// whose enhanced forms refresh the cart islands in place. Also: the JavaScript each page downloads.
import { gzipSync } from 'node:zlib';
import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Demo } from './fixture.js';
import { WAIT } from './page.js';

const pathOf = (request: Request) => new URL(request.url()).pathname;

export function clientIslandsSuite(demo: Demo): void {
	describe('client islands', () => {
		it('hydrates the quantity picker, which then responds to clicks', async () => {
			const { page } = await demo.visitor();
			await page.goto(`${demo.url}/products/matcha`);
			await page.waitForSelector('mochi-island[name=QuantityPicker][state=hydrated]', { timeout: WAIT });
			await page.click('[aria-label="One more"]');
			await page.click('[aria-label="One more"]');
			await expect.poll(() => page.locator('.add').textContent(), { timeout: WAIT }).toBe('Add 3 to cart · $96');
		});

		// The remove forms are enhanced: the action's refreshIslands() has the hydrated mini cart fetched again
		// (unmounted, swapped, hydrated again) and the header count with it, in place.
		it('swaps in the visitor’s cart; removing an item refreshes it and the header count in place', async () => {
			const { page, context } = await demo.visitor();
			await context.addCookies([{ name: 'demo_cart', value: 'matcha,kinako', url: demo.url }]);
			const documents: string[] = [];
			page.on('request', (request) => void (request.resourceType() === 'document' && documents.push(`${request.method()} ${pathOf(request)}`)));
			await page.goto(`${demo.url}/products/matcha`);
			await page.waitForSelector('mochi-island[name=MiniCart][state=hydrated]', { timeout: WAIT });
			expect(await page.locator('[data-testid=mini-cart] li').count()).toBe(2);
			await expect.poll(() => page.locator('[data-testid=cart-count]').textContent(), { timeout: WAIT }).toBe('🛒 2 items');
			await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'kept'));

			const posted = page.waitForResponse((response) => response.request().method() === 'POST', { timeout: WAIT });
			await page.click('[aria-label="Remove matcha"]');
			const response = await posted;
			expect(new URL(response.url()).pathname + new URL(response.url()).search).toBe('/cart?/remove');
			expect(response.status()).toBe(204);
			expect(response.headers()['x-mochi-refresh']).toBe('CartCount,MiniCart');

			await expect.poll(() => page.locator('[data-testid=mini-cart] li').count(), { timeout: WAIT }).toBe(1);
			expect((await page.locator('[data-testid=mini-cart] li').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim())).toEqual([
				'Kinako dusting flour remove'
			]);
			await page.waitForSelector('mochi-island[name=MiniCart][state=hydrated]', { timeout: WAIT });
			await expect.poll(() => page.locator('[data-testid=cart-count]').textContent(), { timeout: WAIT }).toBe('🛒 1 item');
			expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('kept');
			expect(documents).toEqual(['GET /products/matcha']);
			expect((await context.cookies()).find((cookie) => cookie.name === 'demo_cart')?.value).toBe('kinako');
		});

		it('adds the picked quantity in place; the picker starts again from 1', async () => {
			const { page, context } = await demo.visitor();
			await page.goto(`${demo.url}/products/matcha`);
			await page.waitForSelector('mochi-island[name=QuantityPicker][state=hydrated]', { timeout: WAIT });
			await page.waitForSelector('mochi-island[name=MiniCart][state=hydrated]', { timeout: WAIT });
			await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'kept'));
			await page.click('[aria-label="One more"]');
			await page.click('[aria-label="One more"]');
			await expect.poll(() => page.locator('.add').textContent(), { timeout: WAIT }).toBe('Add 3 to cart · $96');
			await page.click('.add');
			await expect.poll(() => page.locator('[data-testid=cart-count]').textContent(), { timeout: WAIT }).toBe('🛒 3 items');
			await expect.poll(() => page.locator('[data-testid=mini-cart] li').count(), { timeout: WAIT }).toBe(3);
			await expect.poll(() => page.locator('.add').textContent(), { timeout: WAIT }).toBe('Add 1 to cart · $32');
			expect(await page.getByLabel('Quantity').inputValue()).toBe('1');
			expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('kept');
			expect(decodeURIComponent((await context.cookies()).find((cookie) => cookie.name === 'demo_cart')!.value)).toBe('matcha,matcha,matcha');
		});

		it('downloads only the JavaScript each page needs (bytes printed per page)', async () => {
			const pages: Record<string, string[]> = {};
			for (const pathname of ['/', '/products/matcha', '/cart', '/about', '/island-failure']) {
				const { page } = await demo.visitor();
				const scripts: Request[] = [];
				page.on('request', (request) => request.resourceType() === 'script' && scripts.push(request));
				await page.goto(`${demo.url}${pathname}`, { waitUntil: 'networkidle' });
				let raw = 0;
				let gzip = 0;
				for (const script of scripts) {
					const body = (await (await script.response())!.body()) as Buffer;
					raw += body.length;
					gzip += gzipSync(body).length;
				}
				pages[pathname] = scripts.map(pathOf);
				console.log(`[e2e] ${pathname}: ${scripts.length} scripts, ${raw} B raw, ${gzip} B gzip — ${pages[pathname].join(', ') || 'none'}`);
			}
			const names = (list: string[]) => list.map((file) => file.replace(/^.*\/|-[\w-]{8}\.js$/g, '')).sort();
			// Every page has the header's server islands: the runtime, and no Svelte. The prerendered /about fetches them;
			// the on-demand pages stream them, with the runtime and the stream module inline: no script request at all.
			expect(names(pages['/about'])).toEqual(['runtime']);
			for (const pathname of ['/island-failure', '/cart']) expect(names(pages[pathname]), pathname).toEqual([]);
			// The prerendered product page has an enhanced "Add to cart" too: the enhance module, still no Svelte.
			expect(names(pages['/'])).toEqual(['enhance', 'runtime']);
			// The on-demand product page (streamed, so its runtime is inline): client islands' code (its own chunk, which
			// the pages above never load), enhance, its two client islands, and the Svelte runtime they share.
			expect(names(pages['/products/matcha'])).toEqual(['MiniCart', 'QuantityPicker', 'client-island', 'enhance', 'hydrate']);
		});
	});
}
