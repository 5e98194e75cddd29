// A page downloads the runtime, client islands' code (its own chunk, preloaded: pages with only server islands
// never load it), the chunks of the islands it hydrates and the closure of their static imports: the Svelte
// chunks those islands use, never those only another page's islands use (core/plugins/client-chunks.ts).
// Every script once, none a 404; a page without islands downloads no JavaScript. Prints the bytes per page.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readClientBuild } from './build-output.js';
import type { Request } from 'playwright-core';
import { APP, type TestApp } from './fixture.js';
import { hydrated, pathOf, scriptPaths } from './page.js';

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

	/** Each script the page asked for was asked for once and answered 200 (a 404 would fail the island anyway, but say so). */
	async function expectEachOnce(requests: Request[]): Promise<void> {
		const scripts = requests.filter((request) => scriptPaths([request]).length === 1);
		expect(new Set(scripts.map(pathOf)).size).toBe(scripts.length);
		for (const request of scripts) expect([pathOf(request), (await request.response())?.status()]).toEqual([pathOf(request), 200]);
	}

	describe('code per page', () => {
		it('/other loads the runtime, client islands\' code, OtherWidget and the Svelte chunks it imports, nothing else', async () => {
			const build = readClientBuild();
			const closure = build.closureOf('OtherWidget');
			expect(closure.length).toBeGreaterThan(0);
			// The Svelte every island needs is one chunk, not a copy per island.
			for (const name of HOME_ISLANDS) expect(build.closureOf(name)).toEqual(expect.arrayContaining(closure));
			// Svelte's production build (its dev build prints `[svelte] …` warnings), so the sizes below are real.
			for (const chunk of closure) expect(await (await fetch(`${app.url}${chunk}`)).text()).not.toContain('[svelte]');
			const { page, requests } = await app.visitor();
			await page.goto(`${app.url}/other`);
			await hydrated(page, 'mochi-island[name=OtherWidget]');
			await page.waitForLoadState('networkidle');
			const scripts = scriptPaths(requests);
			expect([...scripts].sort()).toEqual([build.runtime, build.clientIsland, build.islands.OtherWidget, ...closure].sort());
			await expectEachOnce(requests);
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
			const closure = new Set(HOME_ISLANDS.flatMap((name) => build.closureOf(name)));
			const expected = [build.runtime, build.clientIsland, ...closure, ...HOME_ISLANDS.map((name) => build.islands[name])];
			expect([...scripts].sort()).toEqual(expected.sort());
			expect(scripts).not.toContain(build.islands.OtherWidget);
			await expectEachOnce(requests);
			await report('/', scripts);
		});

		it('/fade-list alone loads the Svelte code of transitions, animations and keyed each; /other does not', async () => {
			const build = readClientBuild();
			const own = build.closureOf('FadeList').filter((chunk) => !build.closureOf('OtherWidget').includes(chunk));
			// FadeList's Svelte features are code OtherWidget's closure lacks, in FadeList's chunk or chunks of its own.
			const fadeCode = (await Promise.all([build.islands.FadeList, ...own].map(async (chunk) => (await fetch(`${app.url}${chunk}`)).text()))).join('\n');
			const otherCode = (await Promise.all([build.islands.OtherWidget, ...build.closureOf('OtherWidget')].map(async (chunk) => (await fetch(`${app.url}${chunk}`)).text()))).join('\n');
			// What Svelte's transition and animate code calls (names of the DOM, which minifying keeps).
			for (const api of ['getAnimations', 'getComputedStyle']) {
				expect(fadeCode).toContain(api);
				expect(otherCode).not.toContain(api);
			}
			expect(own.length).toBeGreaterThan(0);
			const { page, requests } = await app.visitor();
			await page.goto(`${app.url}/fade-list`);
			await hydrated(page, 'mochi-island[name=FadeList]');
			await page.locator('button.fade-add').click();
			await expect.poll(() => page.locator('ul.fade-list li').allTextContents()).toEqual(['item 3', 'one', 'two']);
			await page.waitForLoadState('networkidle');
			const scripts = scriptPaths(requests);
			expect([...scripts].sort()).toEqual([build.runtime, build.clientIsland, build.islands.FadeList, ...build.closureOf('FadeList')].sort());
			await expectEachOnce(requests);
			await report('/fade-list', scripts);
			// And /other never asks for them.
			const other = await app.visitor();
			await other.page.goto(`${app.url}/other`);
			await hydrated(other.page, 'mochi-island[name=OtherWidget]');
			await other.page.waitForLoadState('networkidle');
			for (const chunk of [build.islands.FadeList, ...own]) expect(scriptPaths(other.requests)).not.toContain(chunk);
		});

		it('the client manifest names only files the server serves (no placeholder for the client-island chunk)', async () => {
			const manifest = JSON.parse(readFileSync(path.join(APP, 'build/client/.vite/manifest.json'), 'utf8')) as Record<string, { file: string; assets?: string[] }>;
			const files = Object.values(manifest).flatMap((chunk) => [chunk.file, ...(chunk.assets ?? [])]);
			expect(files.filter((file) => /!~\{/.test(file))).toEqual([]);
			expect(files).toContain(readClientBuild().clientIsland.slice(1));
			for (const file of files) expect([file, (await fetch(`${app.url}/${file}`)).status]).toEqual([file, 200]);
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
