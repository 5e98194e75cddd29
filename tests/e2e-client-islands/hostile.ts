// Hostile strings as island props (`</script>`, `<!--`, quotes, U+2028, an onerror attribute, and a
// string long enough that its token is POSTed) never break the page's HTML or run script.
import { describe, expect, it } from 'vitest';
import type { TestApp } from './fixture.js';
import { hydrated, WAIT } from './page.js';

const HOSTILE = '</script><script>window.pwned=1</script><!-- \u2028 "double" \'single\' <img src=x onerror="window.pwned=2">';

export function hostileSuite(app: TestApp): void {
	describe('hostile props', () => {
		it('stay text in server islands (short by GET, long by POST) and client islands; no script runs', async () => {
			const { page } = await app.visitor();
			const methods: string[] = [];
			page.on('request', (request) => request.url().includes('/island/Echo') && methods.push(request.method()));
			await page.goto(`${app.url}/hostile`);
			await page.waitForFunction(() => document.querySelectorAll('mochi-island[name=Echo][state=loaded]').length === 2, null, { timeout: WAIT });
			await hydrated(page, 'mochi-island[name=Counter]');

			expect(await page.locator('p.echo[data-label=short]').textContent()).toBe(`short: ${HOSTILE}`);
			expect(await page.locator('p.echo[data-label=short]').getAttribute('title')).toBe(HOSTILE);
			const long = (await page.locator('p.echo[data-label=long]').textContent())!;
			expect(long.length).toBeGreaterThan(20_000);
			expect(long).toContain(HOSTILE);
			expect(await page.locator('button.counter').textContent()).toBe(`${HOSTILE}: 1`);
			// The page has only the scripts Mochi put there; none of the props' own ran.
			expect(await page.evaluate(() => (window as unknown as { pwned?: unknown }).pwned)).toBeUndefined();
			expect(await page.locator('img').count()).toBe(0);
			expect(methods.sort()).toEqual(['GET', 'POST']);
			// Interactive still: the hostile label didn't break hydration.
			await page.locator('button.counter').click();
			await expect.poll(() => page.locator('button.counter').textContent(), { timeout: WAIT }).toBe(`${HOSTILE}: 2`);
		});
	});
}
