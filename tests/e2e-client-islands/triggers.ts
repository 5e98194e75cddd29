// `mochi:hydrate:visible` waits for the viewport (no code is fetched before), `:idle` for an idle browser.
import { describe, expect, it } from 'vitest';
import { readClientBuild } from './build-output.js';
import type { TestApp } from './fixture.js';
import { hydrated, pathOf } from './page.js';

const FAR = 'mochi-island[name=FarCounter]';

export function triggersSuite(app: TestApp): void {
	describe('hydrate:visible', () => {
		it('fetches nothing until scrolled to, then hydrates', async () => {
			const { islands } = readClientBuild();
			const { page, requests } = await app.visitor();
			const farChunk = () => requests.filter((request) => pathOf(request) === islands.FarCounter);
			await page.goto(`${app.url}/`);
			// Everything above the fold has settled, so any eager fetch of FarCounter would be in the log by now.
			await hydrated(page, 'mochi-island[hydrate]:not([name=FarCounter])', 6);
			await page.waitForLoadState('networkidle');
			expect(farChunk()).toEqual([]);
			expect(await page.locator(FAR).getAttribute('state')).toBeNull();
			expect(await page.locator('button.far').textContent()).toBe('far: 100');

			await page.locator('button.far').scrollIntoViewIfNeeded();
			await hydrated(page, FAR);
			expect(farChunk()).toHaveLength(1);
			await page.locator('button.far').click();
			await expect.poll(() => page.locator('button.far').textContent()).toBe('far: 101');
		});
	});

	describe('hydrate:idle', () => {
		it('hydrates once the browser is idle', async () => {
			const { page } = await app.visitor();
			await page.goto(`${app.url}/`);
			expect(await page.locator('mochi-island[name=IdleCounter]').getAttribute('hydrate')).toBe('idle');
			await hydrated(page, 'mochi-island[name=IdleCounter]');
			await page.locator('button.idle').click();
			await expect.poll(() => page.locator('button.idle').textContent()).toBe('idle: 11');
		});
	});
}
