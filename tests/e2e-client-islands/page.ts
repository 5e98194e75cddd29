// In-page instruments and HTML readers for the client-islands tests.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page, Request } from 'playwright-core';
import { REPO } from '../helpers/app.js';

/** Bound for every Playwright wait (locators, navigation, waitForFunction), in ms. */
export const WAIT = 5000;

/** The devalue copy the framework itself uses (the tests package does not depend on it). */
const DEVALUE = pathToFileURL(createRequire(path.join(REPO, 'packages/mochi/package.json')).resolve('devalue')).href;

export interface IslandEvent {
	type: string;
	name: string;
	state: string | null;
}

/** Init script: records every island event on `window.__mochiEvents`. Self-contained (sent as source). */
export function recordIslandEvents(): void {
	const events: IslandEvent[] = [];
	(window as unknown as { __mochiEvents: IslandEvent[] }).__mochiEvents = events;
	for (const type of ['mochi:island-load', 'mochi:island-hydrate', 'mochi:island-error']) {
		document.addEventListener(
			type,
			(event) => {
				const target = event.target as Element;
				events.push({ type, name: target.getAttribute('name')!, state: target.getAttribute('state') });
			},
			true
		);
	}
}

export function islandEvents(page: Page): Promise<IslandEvent[]> {
	return page.evaluate(() => (window as unknown as { __mochiEvents: IslandEvent[] }).__mochiEvents);
}

/**
 * Waits until `count` elements match `selector` and all of them are `state="hydrated"`; fails at
 * once, naming the island, if one of them reports `state="error"`.
 */
export async function hydrated(page: Page, selector: string, count = 1): Promise<void> {
	const handle = await page.waitForFunction(
		({ selector, count }) => {
			const elements = [...document.querySelectorAll(selector)];
			const failed = elements.find((element) => element.getAttribute('state') === 'error');
			if (failed) return `error: ${failed.outerHTML.slice(0, 200)}`;
			return elements.length === count && elements.every((element) => element.getAttribute('state') === 'hydrated') && 'ok';
		},
		{ selector, count },
		{ timeout: WAIT }
	);
	const outcome = await handle.jsonValue();
	if (outcome !== 'ok') throw new Error(`${selector} failed to hydrate: ${outcome}`);
}

export interface PropsBlock {
	id: string;
	/** The text between the tags, as served. */
	raw: string;
	value: unknown;
}

/** Every `<script type="application/json" id="mochi-props-N">` in an HTML string, parsed with devalue. */
export async function propsBlocks(html: string): Promise<PropsBlock[]> {
	const { parse } = (await import(DEVALUE)) as { parse(text: string): unknown };
	const blocks = [...html.matchAll(/<script type="application\/json" id="(mochi-props-\d+)">(.*?)<\/script>/gs)];
	return blocks.map(([, id, raw]) => ({ id, raw, value: parse(raw) }));
}

/** `props-ref` of each `<mochi-island>` with this name, in document order. */
export function propsRefs(html: string, name: string): string[] {
	const tags = html.match(new RegExp(`<mochi-island [^>]*name="${name}"[^>]*>`, 'g')) ?? [];
	return tags.map((tag) => /props-ref="([^"]+)"/.exec(tag)?.[1] ?? '(none)');
}

export const pathOf = (request: Request | string): string => new URL(typeof request === 'string' ? request : request.url()).pathname;

/** Paths of the JavaScript the page requested, in order (duplicates kept). */
export function scriptPaths(requests: Request[]): string[] {
	return requests.filter((request) => request.resourceType() === 'script' || pathOf(request).endsWith('.js')).map(pathOf);
}
