// The hostile page under the enforced policy: its own islands work and the forged markup (refused by the
// runtime, inert in the fragment) causes no violation either.
import { describe, expect, it } from 'vitest';
import { hydrated, WAIT } from '../e2e-client-islands/page.js';
import type { CspApp } from './fixture.js';
import { expectNoViolations } from './showcase.js';

export function hostilePageSuite(app: CspApp): void {
	describe('/hostile under the strict policy', () => {
		it('its own islands work, with zero violations', async () => {
			const visitor = await app.visitor();
			const { page } = visitor;
			await page.goto(`${app.url}/hostile`);
			await hydrated(page, 'mochi-island[name=Comment][hydrate]');
			await expect.poll(() => page.locator('article.comment').getAttribute('data-seen'), { timeout: WAIT }).toBe('from-server');
			await page.locator('button.like').click();
			await expect.poll(() => page.locator('button.like').textContent(), { timeout: WAIT }).toBe('likes: 1');
			await page.waitForFunction(() => document.querySelectorAll('mochi-island[state=error]').length === 18, null, { timeout: WAIT });
			expect(await page.evaluate(() => (window as unknown as { forged?: string }).forged ?? null)).toBeNull();
			await expectNoViolations(app, visitor, '/hostile');
		});
	});
}
