// A hydrated island's own `<svelte:head>` content (here JSON-LD) belongs in the document head, once.
import { describe, expect, it } from 'vitest';
import type { TestApp } from './fixture.js';
import { hydrated } from './page.js';

const LD = 'script[type="application/ld+json"]';

export function islandHeadSuite(app: TestApp): void {
	describe('<svelte:head> inside a hydrated island', () => {
		// A page's client island: its head (and Svelte's data script) go into the document head, once.
		it('/head-inline: the JSON-LD is in the head once, not in the body', async () => {
			const { page } = await app.visitor();
			await page.goto(`${app.url}/head-inline`);
			await hydrated(page, 'mochi-island[name=HeadProbe]');
			await page.locator('button.head-probe').click();
			await expect.poll(() => page.locator('button.head-probe').textContent()).toBe('inline: 1');
			expect({ head: await page.locator(`head ${LD}`).count(), body: await page.locator(`body ${LD}`).count() }).toEqual({ head: 1, body: 0 });
		});

		// A fragment carries only Svelte's data script; Svelte creates the island's own head tags in document.head.
		it('/head-deferred: the fragment\'s JSON-LD stays data (no page error) and lands in the head once', async () => {
			const visitor = await app.visitor();
			const { page } = visitor;
			await page.goto(`${app.url}/head-deferred`);
			await hydrated(page, 'mochi-island[name=HeadProbe][hydrate]');
			const pageErrors = visitor.pageErrors.splice(0).map((error) => error.message); // asserted here, not in afterEach
			expect(pageErrors).toEqual([]);
			expect({ head: await page.locator(`head ${LD}`).count(), body: await page.locator(`body ${LD}`).count() }).toEqual({ head: 1, body: 0 });
		});
	});
}
