// One Chromium load of a page: when each island's request started and ended, and when its
// `mochi:island-load` (or `-hydrate`, `-error`) fired, all from navigation start, next to DOMContentLoaded.
import fs from 'node:fs';
import { launchBrowser } from '../../tests/helpers/browser.js';

export interface IslandTiming {
	name: string;
	event: string;
	/** ms from navigation start */
	at: number;
	/** The island request's resource timing, when it made one. */
	fetchStart?: number;
	responseEnd?: number;
}

export interface PageTiming {
	page: string;
	responseEnd: number;
	domContentLoaded: number;
	load: number;
	/** The island runtime's module and the page's first stylesheet: when each request started and finished. */
	runtime?: { start: number; end: number };
	css?: { start: number; end: number };
	islands: IslandTiming[];
}

// Page-side code is plain JavaScript in strings: tsx would otherwise compile functions handed to
// Playwright with helpers (esbuild's `__name`) that do not exist in the page.
const EVENTS = ['mochi:island-load', 'mochi:island-hydrate', 'mochi:island-error'];
const RECORD_EVENTS = `
	window.__mochiBench = [];
	for (const event of ${JSON.stringify(EVENTS)}) {
		document.addEventListener(event, (e) => window.__mochiBench.push({ name: e.target.getAttribute('name') || '?', event, at: performance.now() }), true);
	}`;
const ALL_SETTLED = `[...document.querySelectorAll('mochi-island')].every((el) => el.hasAttribute('state'))`;
const READ_TIMINGS = `(() => {
	const nav = performance.getEntriesByType('navigation')[0];
	const resources = performance.getEntriesByType('resource');
	const runtime = resources.find((r) => /\\/_mochi\\/assets\\/runtime-[^/]+\\.js$/.test(r.name));
	const css = resources.find((r) => /\\.css$/.test(r.name));
	return {
		responseEnd: nav.responseEnd,
		domContentLoaded: nav.domContentLoadedEventEnd,
		load: nav.loadEventEnd,
		runtime: runtime && { start: runtime.startTime, end: runtime.responseEnd },
		css: css && { start: css.startTime, end: css.responseEnd },
		islands: window.__mochiBench.map((e) => {
			const request = resources.find((r) => r.name.includes('/_mochi/island/' + encodeURIComponent(e.name)));
			return request ? { ...e, fetchStart: request.startTime, responseEnd: request.responseEnd } : e;
		})
	};
})()`;

export function chromiumPath(): string | undefined {
	const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
	return fs.existsSync(path) ? path : undefined;
}

export async function measureInBrowser(base: string, pages: string[], cookies: Record<string, string>): Promise<PageTiming[]> {
	const browser = await launchBrowser();
	try {
		const results: PageTiming[] = [];
		for (const page of pages) {
			// A fresh context per page: an empty cache, as for a first visit.
			const context = await browser.newContext();
			await context.addCookies(Object.entries(cookies).map(([name, value]) => ({ name, value, url: base })));
			const tab = await context.newPage();
			await tab.addInitScript({ content: RECORD_EVENTS });
			await tab.goto(base + page, { waitUntil: 'load' });
			// Every island element has settled (loaded, hydrated or failed), the slow one included.
			await tab.waitForFunction(ALL_SETTLED, null, { timeout: 15_000 });
			results.push({ page, ...((await tab.evaluate(READ_TIMINGS)) as Omit<PageTiming, 'page'>) });
			await context.close();
		}
		return results;
	} finally {
		await browser.close();
	}
}
