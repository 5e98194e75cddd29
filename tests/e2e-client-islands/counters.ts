// `mochi:hydrate` at load: each counter is its own root, identical props share one block.
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { TestApp } from './fixture.js';
import { hydrated, islandEvents, propsBlocks, propsRefs } from './page.js';

export function countersSuite(app: TestApp): void {
	describe('islands hydrated at load', () => {
		it('share one props block per distinct payload', async () => {
			const html = await (await fetch(`${app.url}/`)).text();
			const blocks = await propsBlocks(html);
			const withValue = (value: unknown) => blocks.filter((block) => isDeepStrictEqual(block.value, value));

			const a = withValue({ start: 5, label: 'a' });
			const b = withValue({ start: 1, label: 'b' });
			expect(a).toHaveLength(1);
			expect(b).toHaveLength(1);
			expect(propsRefs(html, 'Counter')).toEqual([a[0].id, a[0].id, b[0].id]);
			// One block per island payload on the page: a, b, IdleCounter, DataProbe, FarCounter; ids unique.
			expect(blocks).toHaveLength(5);
			expect(new Set(blocks.map((block) => block.id)).size).toBe(5);
		});

		it('respond to clicks, each counter on its own', async () => {
			const { page } = await app.visitor();
			await page.goto(`${app.url}/`);
			await hydrated(page, 'mochi-island[name=Counter]', 3);
			const [first, second, third] = [0, 1, 2].map((i) => page.locator('button.counter').nth(i));

			await first.click();
			await expect.poll(() => first.textContent()).toBe('a: 6');
			await second.click();
			await second.click();
			await expect.poll(() => second.textContent()).toBe('a: 7');
			await third.click();
			await expect.poll(() => third.textContent()).toBe('b: 2');
			expect([await first.textContent(), await second.textContent(), await third.textContent()]).toEqual(['a: 6', 'a: 7', 'b: 2']);

			const events = (await islandEvents(page)).filter((event) => event.name === 'Counter');
			expect(events).toEqual([0, 1, 2].map(() => ({ type: 'mochi:island-hydrate', name: 'Counter', state: 'hydrated' })));
		});
	});
}
