// A client island's CSS is in the page's stylesheet, so the server-rendered HTML is styled without JS.
import { describe, expect, it } from 'vitest';
import type { TestApp } from './fixture.js';
import { WAIT } from './page.js';

export function stylesSuite(app: TestApp): void {
	describe('island styles', () => {
		it('style the server-rendered Counter from a stylesheet in the head, with JavaScript off', async () => {
			const { page } = await app.visitor({ javaScriptEnabled: false });
			await page.goto(`${app.url}/`);
			await page.waitForFunction(
				() => [...document.querySelectorAll<HTMLLinkElement>('head link[rel=stylesheet]')].every((link) => link.sheet),
				null,
				{ timeout: WAIT }
			);
			const found = await page.evaluate(() => {
				const links = [...document.querySelectorAll<HTMLLinkElement>('head link[rel=stylesheet]')];
				const rule = links.flatMap((link) => [...link.sheet!.cssRules].map((rule) => rule.cssText)).find((text) => /^\.counter\.svelte-/.test(text));
				const button = document.querySelector('button.counter')!;
				return {
					rule,
					radius: getComputedStyle(button).borderRadius,
					styleElements: document.querySelectorAll('style').length,
					state: button.closest('mochi-island')!.getAttribute('state')
				};
			});
			expect(found.rule).toMatch(/border-radius: 7px/);
			expect(found.radius).toBe('7px');
			expect(found.styleElements).toBe(0); // from the linked file, not an inline <style>
			expect(found.state).toBeNull(); // nothing ran: this is the server's HTML
		});
	});
}
