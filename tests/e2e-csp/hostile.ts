// An attacker who controls HTML inside an island ({@html} of a visitor's comment), against the runtime
// alone: run under the report-only policy, so that the browser blocks nothing and only the runtime's
// own checks stand between the markup and a running script.
import { describe, expect, it } from 'vitest';
import { hydrated, WAIT } from '../e2e-client-islands/page.js';
import type { CspApp } from './fixture.js';

/** As tests/apps/csp/src/lib/hostile.ts forges them: 9 off-prefix URLs, in an island and in the page. */
const FORGED = ['InIsland', 'InPage'].flatMap((prefix) => Array.from({ length: 9 }, (_, i) => `${prefix}${i}`));

export function hostileSuite(app: CspApp): void {
	describe('hostile markup inside islands', () => {
		it('a forged data script is never run, and forged data never reaches the island', async () => {
			const visitor = await app.visitor();
			const { page } = visitor;
			await page.goto(`${app.url}/hostile`);
			await hydrated(page, 'mochi-island[name=Comment][hydrate]');
			expect(await page.locator('p.comment-text').textContent()).toBe("a visitor's comment");
			// The real data block (its token matched the answer's header) gave the value; none of the forged ones did.
			await expect.poll(() => page.locator('article.comment').getAttribute('data-seen'), { timeout: WAIT }).toBe('from-server');
			const state = await page.evaluate(() => ({
				forged: (window as unknown as { forged?: string }).forged ?? null,
				// Every data block left the fragment before it entered the page; the forged ones were never parsed.
				dataBlocks: document.querySelectorAll('script[data-mochi-hydratable]').length,
				store: [...((window as unknown as { __svelte?: { h?: Map<string, unknown> } }).__svelte?.h?.entries() ?? [])]
			}));
			expect(state.forged).toBeNull();
			expect(state.dataBlocks).toBe(0);
			expect(state.store.filter(([key]) => key === 'comment')).toEqual([['comment', 'from-server']]);
			await page.locator('button.like').click();
			await expect.poll(() => page.locator('button.like').textContent(), { timeout: WAIT }).toBe('likes: 1');
			expect(visitor.console.filter((line) => /hydrat/i.test(line))).toEqual([]);
		});

		it('a client island whose component URL is not the app\'s own is refused, and its code never requested', async () => {
			const visitor = await app.visitor();
			const { page, context } = visitor;
			// Were the runtime to import it, this would run (CORS allowed, the policy only reports).
			await context.route('https://evil.example/**', (route) =>
				route.fulfill({ status: 200, contentType: 'text/javascript', headers: { 'access-control-allow-origin': '*' }, body: 'window.evil = "loaded";' })
			);
			await page.goto(`${app.url}/hostile`);
			await hydrated(page, 'mochi-island[name=Counter]');
			await page.waitForFunction(
				(names) => names.every((name) => document.querySelector(`mochi-island[name="${name}"]`)?.getAttribute('state') === 'error'),
				FORGED,
				{ timeout: WAIT }
			);
			await page.waitForLoadState('networkidle');
			const errors = (await visitor.islandEvents()).filter((event) => event.type === 'mochi:island-error');
			expect(errors.map((event) => event.name).sort()).toEqual([...FORGED].sort());
			for (const event of errors) expect(event.reason, event.name).toBe('component');
			expect(await page.evaluate(() => (window as unknown as { evil?: unknown }).evil ?? null)).toBeNull();
			// Every request stayed on the app's origin and asked for the page, its CSS and chunks, or its islands.
			const origin = new URL(app.url).origin;
			for (const request of visitor.requests) {
				const url = new URL(request.url());
				expect(url.origin, request.url()).toBe(origin);
				expect(url.pathname, request.url()).toMatch(/^(?:\/hostile|\/favicon\.ico|\/_mochi\/assets\/[\w-]+\.(?:js|css)|\/_mochi\/island\/(?:Comment|Evil))$/);
			}
			// The runtime says why, once per refused island; the page's own islands are unaffected.
			expect(visitor.console.filter((line) => line.includes('mochi: refused island code from '))).toHaveLength(FORGED.length);
			await page.locator('button.counter').click();
			await expect.poll(() => page.locator('button.counter').textContent(), { timeout: WAIT }).toBe('count: 2');
		});
	});
}
