// Props travel as devalue in an escaped JSON block: rich types survive, hostile strings stay data.
import { describe, expect, it } from 'vitest';
import type { TestApp } from './fixture.js';
import { hydrated, propsBlocks, WAIT } from './page.js';

const HOSTILE = '</script><script>window.pwned=1</script><!-- \u2028 "quotes"';

export function richPropsSuite(app: TestApp): void {
	describe('island props', () => {
		it('arrive as Date, Map, Set, BigInt, a cycle and the hostile string, intact', async () => {
			const { page } = await app.visitor();
			await page.goto(`${app.url}/`);
			await hydrated(page, 'mochi-island[name=DataProbe]');
			await page.waitForFunction(() => document.querySelector('pre.probe')?.textContent !== 'server', null, { timeout: WAIT });
			const report = JSON.parse((await page.locator('pre.probe').textContent())!);
			expect(report).toEqual({
				date: '2024-02-03T04:05:06.000Z',
				map: 'v',
				set: '1,2',
				big: '12345678901234567890',
				cyclic: true,
				hostile: HOSTILE
			});
			expect(await page.evaluate(() => (window as unknown as { pwned?: unknown }).pwned)).toBeUndefined();
		});

		it('are written with no raw "<" and no extra script element', async () => {
			const html = await (await fetch(`${app.url}/`)).text();
			const blocks = await propsBlocks(html);
			expect(blocks.length).toBeGreaterThan(0);
			for (const block of blocks) {
				expect(block.raw).not.toContain('<');
				expect(block.raw).not.toContain('\u2028');
			}
			const probe = blocks.find((block) => (block.value as { data?: { hostile?: string } }).data?.hostile === HOSTILE);
			expect(probe, 'the DataProbe block parses back to the hostile string').toBeDefined();
			// The runtime plus one block per payload: the hostile string opened no <script> of its own.
			expect(html.match(/<script\b/g)).toHaveLength(1 + blocks.length);
			expect(html).not.toContain('window.pwned=1</script>');
		});
	});
}
