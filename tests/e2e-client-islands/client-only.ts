// `mochi:client`: the server writes the fallback (the children) and a props block, never the component;
// the browser mounts it from the island's chunk (on load, when idle, or when scrolled near).
import { describe, expect, it } from 'vitest';
import { readClientBuild } from './build-output.js';
import type { TestApp, Visitor } from './fixture.js';
import { hydrated, islandEvents, pathOf, propsBlocks, WAIT } from './page.js';

const HOSTILE = '</script><script>window.pwned=1</script><!-- \u2028 "quotes"';
const REPORT = { date: '2024-02-03T04:05:06.000Z', map: 'v', big: '12345678901234567890', hostile: HOSTILE };
const sketch = (title: string) => `mochi-island[name=Sketch]:has(section.sketch[data-title=${title}])`;
const NEAR = 'mochi-island[client]:not([hydrate=visible])';

export function clientOnlySuite(app: TestApp): void {
	describe('mochi:client', () => {
		it('the server HTML has each fallback and a props block, and none of the component', async () => {
			const response = await fetch(`${app.url}/client-only`);
			expect(response.status).toBe(200); // Sketch reads `window`: rendering it on the server would throw
			const html = await response.text();
			for (const fallback of ['<p class="fallback" data-for="now">Sketch loading…</p>', 'idle loading', '<span class="fallback" data-for="counter">counter soon</span>']) {
				expect(html).toContain(fallback);
			}
			expect(html).not.toContain('class="sketch"');
			expect(html).not.toContain('c: 7');
			const tags = html.match(/<mochi-island [^>]*>/g) ?? [];
			expect(tags).toHaveLength(4);
			for (const tag of tags) expect(tag).toMatch(/ client /);
			if (app.mode === 'built') {
				const { islands } = readClientBuild();
				expect(tags.filter((tag) => tag.includes(`component="${islands.Sketch}"`))).toHaveLength(3);
				expect(tags.filter((tag) => tag.includes(`component="${islands.Counter}"`))).toHaveLength(1);
			}
			expect(tags.map((tag) => /hydrate="(\w+)"/.exec(tag)?.[1])).toEqual(['load', 'load', 'idle', 'visible']);
			expect(tags[3]).toContain('root-margin="0px"');
			const blocks = await propsBlocks(html);
			const sketches = blocks.filter((block) => (block.value as { title?: string }).title !== undefined);
			expect(sketches.map((block) => (block.value as { title: string }).title)).toEqual(['now', 'idle', 'far']);
			expect((sketches[0].value as { data: { hostile: string } }).data.hostile).toBe(HOSTILE);
			for (const block of blocks) expect(block.raw).not.toContain('<');
		});

		it('mounts in the browser in place of its fallback, with its props intact, and is interactive', async () => {
			const { page } = await app.visitor();
			await page.goto(`${app.url}/client-only`);
			await hydrated(page, NEAR, 3);
			const now = page.locator(sketch('now'));
			expect(await now.locator('.where').textContent()).toBe('/client-only in a object document');
			expect(JSON.parse((await now.locator('.report').textContent())!)).toEqual(REPORT);
			expect(await page.locator('.fallback[data-for=now], .fallback[data-for=counter]').count()).toBe(0);
			expect(await page.locator('mochi-island[name=Sketch]', { hasText: 'idle loading' }).count()).toBe(0);
			await now.locator('button.clicks').click();
			await expect.poll(() => now.locator('button.clicks').textContent()).toBe('now: 1');
			// The chunk that hydrates Counter on / mounts it here.
			const counter = page.locator('mochi-island[name=Counter] button.counter');
			expect(await counter.textContent()).toBe('c: 7');
			await counter.click();
			await expect.poll(() => counter.textContent()).toBe('c: 8');
			expect(await page.evaluate(() => (window as unknown as { pwned?: unknown }).pwned)).toBeUndefined();
			const events = await islandEvents(page);
			expect(events.filter((event) => event.type === 'mochi:island-hydrate').map((event) => event.name).sort()).toEqual(['Counter', 'Sketch', 'Sketch']);
		});

		it(':idle mounts once the page has loaded', async () => {
			const { page } = await app.visitor();
			await page.goto(`${app.url}/client-only`);
			const idle = page.locator('mochi-island[name=Sketch][hydrate=idle]');
			expect(await idle.getAttribute('hydrate')).toBe('idle');
			await hydrated(page, 'mochi-island[name=Sketch][hydrate=idle]');
			expect(await idle.locator('.sketch').getAttribute('data-title')).toBe('idle');
			expect(await idle.textContent()).not.toContain('idle loading');
		});

		it(':visible mounts only when scrolled into view', async () => {
			const { page } = await app.visitor();
			await page.goto(`${app.url}/client-only`);
			await hydrated(page, NEAR, 3);
			await page.waitForLoadState('networkidle');
			const far = page.locator('mochi-island[hydrate=visible]');
			expect(await far.getAttribute('state')).toBeNull();
			expect(await far.locator('.fallback[data-for=far]').textContent()).toBe('far loading');
			expect(await far.locator('.sketch').count()).toBe(0);

			await far.locator('.fallback').scrollIntoViewIfNeeded();
			await hydrated(page, 'mochi-island[hydrate=visible]');
			expect(await far.locator('.fallback').count()).toBe(0);
			await far.locator('button.clicks').click();
			await expect.poll(() => far.locator('button.clicks').textContent()).toBe('far: 1');
		});

		it('reloadIslands() leaves client-only islands alone: no fetch, state kept', async () => {
			const { page, requests } = await app.visitor();
			await page.goto(`${app.url}/client-only`);
			await hydrated(page, NEAR, 3);
			const now = page.locator(sketch('now'));
			await now.locator('button.clicks').click();
			await now.locator('button.reload').click();
			await expect.poll(() => now.locator('.reloaded').textContent()).toBe('0/0 failed');
			expect(await now.locator('button.clicks').textContent()).toBe('now: 1');
			// The island endpoint (not dev's `virtual:mochi/island/…` modules): nothing asked it for anything.
			expect(requests.filter((request) => pathOf(request).startsWith('/_mochi/island/'))).toEqual([]);
		});

		it('an island whose chunk fails to load keeps its fallback and fires mochi:island-error', async () => {
			const visitor = await app.visitor();
			const { page } = visitor;
			const chunk = await chunkOf(app, visitor, 'Sketch');
			await page.route((url) => url.pathname === chunk, (route) => route.abort('connectionrefused'));
			await page.goto(`${app.url}/client-only`);
			await page.waitForFunction(
				() => document.querySelectorAll('mochi-island[name=Sketch]:not([hydrate=visible])[state=error]').length === 2,
				null,
				{ timeout: WAIT }
			);
			expect(await page.locator('.fallback[data-for=now]').textContent()).toBe('Sketch loading…');
			expect(await page.locator('mochi-island[hydrate=idle]').textContent()).toBe('idle loading');
			expect(await page.locator('.sketch').count()).toBe(0);
			// Another island's chunk is its own: Counter still mounts.
			await hydrated(page, 'mochi-island[name=Counter]');
			const errors = (await islandEvents(page)).filter((event) => event.type === 'mochi:island-error');
			expect(errors).toEqual([
				{ type: 'mochi:island-error', name: 'Sketch', state: 'error' },
				{ type: 'mochi:island-error', name: 'Sketch', state: 'error' }
			]);
			// The refused chunk is reported by Chromium and by the runtime (console.error); nothing else.
			expect(visitor.warnings.every((line) => /^error: /.test(line))).toBe(true);
			expect(visitor.warnings.length).toBeGreaterThan(0);
			visitor.warnings.length = 0;
		});
	});
}

/** The URL path of an island's chunk: the build's manifest, or in dev the `component` attribute served. */
async function chunkOf(app: TestApp, visitor: Visitor, name: string): Promise<string> {
	if (app.mode === 'built') return readClientBuild().islands[name];
	const html = await (await fetch(`${app.url}/client-only`)).text();
	const url = new RegExp(`<mochi-island name="${name}"[^>]* component="([^"]+)"`).exec(html)?.[1];
	if (!url) throw new Error(`no ${name} island on /client-only`);
	void visitor;
	return pathOf(new URL(url, app.url).href);
}

const PAGE_REPORT = { date: '2024-02-03T04:05:06.000Z', map: 'page', big: '2', hostile: 'from the page' };
const SHELF_REPORT = { date: '2025-06-07T08:09:10.000Z', map: 'shelf', big: '1', hostile: 'from the fragment' };

export function clientOnlyDeferredSuite(app: TestApp): void {
	describe('mochi:client in a server island', () => {
		it("mounts from its fragment's own props block, not the page's block with the same id", async () => {
			const { page } = await app.visitor();
			await page.goto(`${app.url}/client-only-deferred`);
			await hydrated(page, 'mochi-island[name=Sketch]', 2);
			const shelf = page.locator('mochi-island[name=Shelf] mochi-island[name=Sketch]');
			// Both blocks are the first of their response: the ids clash, the props must not.
			expect(await shelf.getAttribute('props-ref')).toBe('mochi-props-0');
			expect(await page.locator(sketch('page')).getAttribute('props-ref')).toBe('mochi-props-0');
			expect(JSON.parse((await shelf.locator('.report').textContent())!)).toEqual(SHELF_REPORT);
			expect(JSON.parse((await page.locator(sketch('page')).locator('.report').textContent())!)).toEqual(PAGE_REPORT);
			expect(await page.locator('.fallback, .shelf-fallback').count()).toBe(0);
		});

		it('reloadIslands() swaps the server island in again and mounts a fresh client-only island in it', async () => {
			const { page } = await app.visitor();
			await page.goto(`${app.url}/client-only-deferred`);
			await hydrated(page, 'mochi-island[name=Sketch]', 2);
			const inShelf = page.locator('mochi-island[name=Shelf] mochi-island[name=Sketch]');
			await inShelf.locator('button.clicks').click();
			await expect.poll(() => inShelf.locator('button.clicks').textContent()).toBe('shelf: 1');
			const onPage = page.locator(sketch('page'));
			await onPage.locator('button.clicks').click();
			await onPage.locator('button.reload').click();
			await expect.poll(() => onPage.locator('.reloaded').textContent()).toBe('0/0 failed');
			// The shelf's HTML is new (its Sketch mounted again, from zero); the page's Sketch was left alone.
			await hydrated(page, 'mochi-island[name=Shelf] mochi-island[name=Sketch]');
			expect(await inShelf.locator('button.clicks').textContent()).toBe('shelf: 0');
			expect(await onPage.locator('button.clicks').textContent()).toBe('page: 1');
		});
	});
}
