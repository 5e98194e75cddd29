// Islands load independently: a slow island delays no other, and a failing one keeps its fallback
// while the rest of the page carries on.
import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../helpers/wait.js';
import type { Demo } from './fixture.js';
import { CONTENT, FALLBACK_TEXT, HEADER_ISLANDS, HOME_ISLANDS } from './islands.js';
import { islandName, islandsSettled, WAIT, type IslandEvent } from './page.js';

const loadTime = (events: IslandEvent[], name: string) =>
	events.find((event) => event.name === name && event.type === 'mochi:island-load')!.time;

export function loadingSuite(demo: Demo): void {
	describe('a slow island', () => {
		it('delays no other: the islands are fetched in parallel and the fast ones land first', async () => {
			const { page } = await demo.visitor();
			// What the browser did, in the order it reported it: `request Avatar`, `finished Avatar`, …
			const journal: string[] = [];
			const note = (label: string) => (request: Request) => {
				const name = islandName(request.url());
				if (name) journal.push(`${label} ${name}`);
			};
			page.on('request', note('request'));
			page.on('requestfinished', note('finished'));
			page.on('requestfailed', note('failed'));
			await page.goto(`${demo.url}/`);
			const { events, domContentLoaded } = await islandsSettled(page, HOME_ISLANDS);
			await waitFor(() => journal.filter((entry) => entry.startsWith('finished')).length === HOME_ISLANDS.length, {
				what: 'every island request finished',
				timeout: WAIT
			});
			// The page's own clock (performance.now()) for when each island request started and ended.
			const timing = await page.evaluate(() =>
				performance
					.getEntriesByType('resource')
					.map((entry) => entry as PerformanceResourceTiming)
					.filter((entry) => entry.name.includes('/_mochi/island/'))
					.map(({ name, startTime, responseEnd }) => ({ url: name, startTime, responseEnd }))
			);
			expect(timing.map((entry) => islandName(entry.url)).sort()).toEqual(HOME_ISLANDS);
			const startOf = (name: string) => timing.find((entry) => islandName(entry.url) === name)!.startTime;
			const timeline = [
				`DOMContentLoaded ${domContentLoaded!.toFixed(1)}`,
				...timing.map((entry) => `${islandName(entry.url)} ${entry.startTime.toFixed(1)}→${entry.responseEnd.toFixed(1)}`),
				...events.map((event) => `${event.type} ${event.name} ${event.time.toFixed(1)}`)
			];
			console.log('[e2e] island timeline (ms):', timeline.join(', '), '| order:', journal.join(', '));

			expect(events.map((event) => event.type)).toEqual(HOME_ISLANDS.map(() => 'mochi:island-load'));
			const slowLoaded = loadTime(events, 'Recommended');
			for (const name of HEADER_ISLANDS) expect(loadTime(events, name), `${name} before Recommended`).toBeLessThan(slowLoaded);
			// Recommended sleeps 300 ms on the server, counted from when the fast islands' requests started.
			const fastStarted = Math.max(...HEADER_ISLANDS.map(startOf));
			expect(slowLoaded - fastStarted).toBeGreaterThanOrEqual(250);
			expect(slowLoaded).toBeGreaterThan(domContentLoaded!);

			// Parallel: all the requests went out before the first one finished, in the order the page's
			// main thread reported them. (Resource Timing can't tell: on a busy machine the network may finish
			// one island before the runtime's synchronous loop has handed the third fetch to it.)
			const firstFinished = journal.findIndex((entry) => !entry.startsWith('request'));
			expect(journal[firstFinished]).toMatch(/^finished /);
			expect(journal.slice(0, firstFinished).sort()).toEqual(HOME_ISLANDS.map((name) => `request ${name}`));
		});
	});

	describe('a failing island', () => {
		it('keeps its fallback and fires mochi:island-error; the header islands still load', async () => {
			const { page } = await demo.visitor({ user: 'Ada Lovelace' });
			await page.goto(`${demo.url}/island-failure`);
			const { events } = await islandsSettled(page, ['StockLevel', ...HEADER_ISLANDS]);

			expect(events.filter((event) => event.name === 'StockLevel')).toEqual([
				{ type: 'mochi:island-error', name: 'StockLevel', state: 'error', detail: { status: 500, reason: 'render' }, time: expect.any(Number) }
			]);
			const stock = page.locator('mochi-island[name=StockLevel]');
			expect(await stock.getAttribute('state')).toBe('error');
			expect(await page.getByTestId('stock-fallback').isVisible()).toBe(true);
			expect((await stock.textContent())!.trim()).toBe(FALLBACK_TEXT.StockLevel);

			for (const name of HEADER_ISLANDS) {
				const island = page.locator(`mochi-island[name="${name}"]`);
				expect(events.find((event) => event.name === name)!.type).toBe('mochi:island-load');
				expect(await island.getAttribute('state')).toBe('loaded');
				expect(await island.locator(CONTENT[name]).isVisible(), `${name} content`).toBe(true);
			}
			expect(await page.locator('[data-testid=avatar] .name').textContent()).toBe('Hi, Ada Lovelace');
			expect(demo.app.output()).toMatch(/island StockLevel failed to render \(500\)/);
		});
	});

	describe('early island fetch', () => {
		it('requests each island once: the runtime picks up the preloaded response', async () => {
			const { page } = await demo.visitor();
			const requested: string[] = [];
			const warnings: string[] = [];
			await page.route('**/_mochi/island/**', (route) => {
				requested.push(new URL(route.request().url()).pathname);
				return route.continue();
			});
			page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
			await page.goto(`${demo.url}/`);
			await islandsSettled(page, HOME_ISLANDS);
			// Chromium warns a few seconds after load about a preload nobody used; give it the time to.
			await page.waitForTimeout(3500);
			expect(requested.sort()).toEqual(HOME_ISLANDS.map((name) => `/_mochi/island/${name}`).sort());
			expect(warnings.filter((text) => /preload/i.test(text))).toEqual([]);
			const initiators = await page.evaluate(() =>
				performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/_mochi/island/')).map((entry) => (entry as PerformanceResourceTiming).initiatorType)
			);
			expect(initiators).toEqual(HOME_ISLANDS.map(() => 'link'));
		});
	});
}
