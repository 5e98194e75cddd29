// Fallback first: the cacheable shell holds each island's fallback, the browser shows it until the
// island's HTML arrives, then swaps it in.
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../helpers/wait.js';
import type { Demo } from './fixture.js';
import { CONTENT, FALLBACK_TEXT, HOME_ISLANDS, islandInner } from './islands.js';
import { holdIslands, islandsSettled, WAIT } from './page.js';

export function shellSuite(demo: Demo): void {
	describe('the shell of /', () => {
		it('holds each island fallback and none of the island content', async () => {
			const response = await fetch(`${demo.url}/`);
			expect(response.status).toBe(200);
			const html = await response.text();
			for (const name of HOME_ISLANDS) expect(islandInner(html, name)).toContain(FALLBACK_TEXT[name]);
			expect(html).not.toMatch(/data-testid="(avatar|cart-count|mini-cart|recommended)"/);
		});

		it('shows the fallbacks until the islands arrive, then replaces them', async () => {
			const { page } = await demo.visitor();
			const gate = await holdIslands(page);
			try {
				await page.goto(`${demo.url}/`, { waitUntil: 'domcontentloaded' });
				await waitFor(() => gate.held.length === HOME_ISLANDS.length, { what: 'every island request held', timeout: WAIT });
				expect([...gate.held].sort()).toEqual(HOME_ISLANDS);
				for (const name of HOME_ISLANDS) {
					const island = page.locator(`mochi-island[name="${name}"]`);
					expect(await island.getByText(FALLBACK_TEXT[name]).isVisible(), `${name} fallback`).toBe(true);
					expect(await island.getAttribute('state')).toBeNull();
					expect(await page.locator(CONTENT[name]).count(), `${name} content`).toBe(0);
				}
			} finally {
				gate.release();
			}

			const { events } = await islandsSettled(page, HOME_ISLANDS);
			expect(events.map((event) => event.type)).toEqual(HOME_ISLANDS.map(() => 'mochi:island-load'));
			for (const name of HOME_ISLANDS) {
				const island = page.locator(`mochi-island[name="${name}"]`);
				expect(await island.locator(CONTENT[name]).isVisible(), `${name} content`).toBe(true);
				expect(await island.getByText(FALLBACK_TEXT[name]).count(), `${name} fallback`).toBe(0);
				expect(await island.getAttribute('state')).toBe('loaded');
			}
		});
	});
}
