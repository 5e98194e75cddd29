// A page downloads the runtime, client islands' code (its own chunk, preloaded: pages with only server islands
// never load it), the chunks of the islands it hydrates and the Svelte chunk they share;
// a page without islands downloads no JavaScript. Prints the bytes per page for the CI log.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readClientBuild } from './build-output.js';
import type { TestApp } from './fixture.js';
import { hydrated, scriptPaths } from './page.js';

const HOME_ISLANDS = ['Counter', 'IdleCounter', 'DataProbe', 'Cart', 'FarCounter'];

export function codeSplitSuite(app: TestApp): void {
	/** Fetches each script again and prints its raw and gzipped size. */
	async function report(page: string, paths: string[]): Promise<void> {
		const sizes = await Promise.all(
			paths.map(async (path) => {
				const body = Buffer.from(await (await fetch(`${app.url}${path}`)).arrayBuffer());
				return { path, raw: body.length, gzip: gzipSync(body).length };
			})
		);
		const total = (key: 'raw' | 'gzip') => sizes.reduce((sum, size) => sum + size[key], 0);
		const files = sizes.map((size) => `${size.path.split('/').pop()} ${size.raw}/${size.gzip}`).join(', ');
		console.log(`[client-islands] ${page} JS: ${sizes.length} files, ${total('raw')} B raw, ${total('gzip')} B gzip (${files || 'none'})`);
	}

	describe('code per page', () => {
		it('/other loads the runtime, client islands\' code, OtherWidget and the shared Svelte chunk, nothing else', async () => {
			const build = readClientBuild();
			const shared = build.importsOf('OtherWidget');
			expect(shared).toHaveLength(1);
			expect(build.importsOf('Counter')).toEqual(shared); // the same Svelte chunk, not a copy per island
			// Svelte's production build (its dev build prints `[svelte] …` warnings), so the sizes below are real.
			expect(await (await fetch(`${app.url}${shared[0]}`)).text()).not.toContain('[svelte]');
			const { page, requests } = await app.visitor();
			await page.goto(`${app.url}/other`);
			await hydrated(page, 'mochi-island[name=OtherWidget]');
			await page.waitForLoadState('networkidle');
			const scripts = scriptPaths(requests);
			expect([...scripts].sort()).toEqual([build.runtime, build.clientIsland, build.islands.OtherWidget, ...shared].sort());
			for (const name of HOME_ISLANDS) expect(scripts).not.toContain(build.islands[name]);
			await page.locator('button.other').click();
			await expect.poll(() => page.locator('button.other').textContent()).toBe('other is on');
			await report('/other', scripts);
		});

		it('/ loads each of its islands once and no OtherWidget', async () => {
			const build = readClientBuild();
			const { page, requests } = await app.visitor({ cookies: { cart: 'apple' } });
			await page.goto(`${app.url}/`);
			await hydrated(page, 'mochi-island[hydrate]:not([name=FarCounter])', 6);
			await page.locator('button.far').scrollIntoViewIfNeeded();
			await hydrated(page, 'mochi-island[name=FarCounter]');
			await page.waitForLoadState('networkidle');
			const scripts = scriptPaths(requests);
			const expected = [build.runtime, build.clientIsland, ...build.importsOf('Counter'), ...HOME_ISLANDS.map((name) => build.islands[name])];
			expect([...scripts].sort()).toEqual(expected.sort());
			expect(scripts).not.toContain(build.islands.OtherWidget);
			await report('/', scripts);
		});

		it('/plain loads no JavaScript at all', async () => {
			const html = await (await fetch(`${app.url}/plain`)).text();
			expect(html).toContain('No islands');
			expect(html).not.toContain('<script');
			const { page, requests } = await app.visitor();
			await page.goto(`${app.url}/plain`, { waitUntil: 'networkidle' });
			expect(scriptPaths(requests)).toEqual([]);
			expect(await page.evaluate(() => document.scripts.length)).toBe(0);
			await report('/plain', []);
		});
	});
}
