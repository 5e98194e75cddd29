// `mochi dev` errors: a syntax error, a directive compile error and an exception while rendering each
// show Vite's error overlay in the browser and a readable message in the terminal, and the page
// recovers on the next save.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useDevCopy } from './fixture.js';

const WAIT = 10_000;

/**
 * Reload after a save. Vite may be reloading the page itself at that moment (its HMR full-reload), which
 * aborts ours (net::ERR_ABORTED, "frame was detached"): then the page is already on its way, wait for it.
 */
async function reloadBesideVite(page: Page) {
	try {
		await page.reload({ timeout: WAIT });
	} catch (error) {
		if (!/ERR_ABORTED|detached/.test(String(error))) throw error;
		await page.waitForLoadState('load', { timeout: WAIT });
	}
}

describe('dev server errors', () => {
	const dev = useDevCopy('client-islands');

	/** Break `file`, load `/other`, see the overlay and the terminal message, fix it, see the page back. */
	async function breakAndFix(file: string, from: string, broken: string, expected: { overlay: RegExp; terminal: RegExp }) {
		const { page } = dev;
		await page.goto(`${dev.url}/other`);
		await page.waitForSelector('h1', { timeout: WAIT });
		const logged = dev.output().length;

		dev.edit(file, from, broken);
		try {
			await reloadBesideVite(page);
			const overlay = page.locator('vite-error-overlay');
			await overlay.waitFor({ state: 'attached', timeout: WAIT });
			await expect.poll(() => overlay.evaluate((el) => el.shadowRoot?.textContent ?? ''), { timeout: WAIT }).toMatch(expected.overlay);
			await expect.poll(() => dev.output().slice(logged), { timeout: WAIT }).toMatch(expected.terminal);
		} finally {
			// Fixed even when an assertion failed, so the next test starts from a working page.
			dev.edit(file, broken, from);
		}

		// The fix is saved: the page reloads on its own and renders again.
		await expect.poll(() => page.locator('h1').textContent().catch(() => null), { timeout: WAIT }).toBe('Other');
		expect(await page.locator('vite-error-overlay').count()).toBe(0);
	}

	it('shows a Svelte syntax error in a page, then recovers', async () => {
		await breakAndFix('src/routes/other.svelte', '<h1>Other</h1>', '<h1>Other</h1>\n{#if}', {
			overlay: /other\.svelte/,
			terminal: /GET \/other failed[\s\S]*File: .*other\.svelte:\d+:\d+/
		});
	});

	it('shows a mochi directive error, naming the file and the component, then recovers', async () => {
		await breakAndFix('src/routes/other.svelte', '<OtherWidget mochi:hydrate />', '<OtherWidget mochi:hydrat />', {
			overlay: /other\.svelte.*OtherWidget[\s\S]*mochi:hydrat/,
			terminal: /mochi:hydrat[\s\S]*did you mean mochi:hydrate/
		});
	});

	it('shows an exception thrown while rendering, with its source location, then recovers', async () => {
		await breakAndFix('src/routes/other.svelte', '<h1>Other</h1>', "<h1>Other</h1>\n{(() => { throw new Error('kaboom in render'); })()}", {
			overlay: /kaboom in render/,
			terminal: /GET \/other failed: kaboom in render[\s\S]*other\.svelte/
		});
	});
});
