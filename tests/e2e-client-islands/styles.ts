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
				const island = button.closest('mochi-island')!;
				return {
					rule,
					radius: getComputedStyle(button).borderRadius,
					// Mochi's one rule for <mochi-island> aside (island-style.ts), no component CSS inline.
					styleElements: [...document.querySelectorAll('style')].filter((style) => style.textContent !== 'mochi-island{display:contents}').length,
					state: island.getAttribute('state'),
					display: getComputedStyle(island).display,
					styleAttribute: island.getAttribute('style')
				};
			});
			expect(found.rule).toMatch(/border-radius: 7px/);
			expect(found.radius).toBe('7px');
			expect(found.styleElements).toBe(0); // from the linked file, not an inline <style>
			expect(found.state).toBeNull(); // nothing ran: this is the server's HTML
			// No JavaScript, no style attribute: the island still lays out as if it weren't there.
			expect(found.display).toBe('contents');
			expect(found.styleAttribute).toBeNull();
		});
	});
}
