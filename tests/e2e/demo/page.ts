// In-page instruments for the demo tests: an island event recorder and a gate that holds island responses.
import type { Page } from 'playwright-core';

/** Bound for every Playwright wait (locators, navigation, waitForFunction), in ms. */
export const WAIT = 5000;

export interface IslandEvent {
	type: 'mochi:island-load' | 'mochi:island-error';
	name: string;
	state: string | null;
	detail: { status: number; reason: string } | null;
	/** `performance.now()` when the event reached `document` (capture phase). */
	time: number;
}

export interface IslandRecord {
	domContentLoaded: number | null;
	events: IslandEvent[];
}

/**
 * Init script (runs before the page's own scripts): records every island event and DOMContentLoaded
 * on `window.__mochi`. Self-contained, because Playwright sends it to the page as source text.
 */
export function recordIslandEvents(): void {
	const record: IslandRecord = { domContentLoaded: null, events: [] };
	(window as unknown as { __mochi: IslandRecord }).__mochi = record;
	for (const type of ['mochi:island-load', 'mochi:island-error'] as const) {
		document.addEventListener(
			type,
			(event) => {
				const target = event.target as Element;
				const detail = (event as CustomEvent).detail ?? null;
				record.events.push({ type, name: target.getAttribute('name')!, state: target.getAttribute('state'), detail, time: performance.now() });
			},
			true
		);
	}
	document.addEventListener('DOMContentLoaded', () => (record.domContentLoaded = performance.now()), true);
}

export function islandRecord(page: Page): Promise<IslandRecord> {
	return page.evaluate(() => (window as unknown as { __mochi: IslandRecord }).__mochi);
}

/** Waits until every named island fired its load or error event. */
export async function islandsSettled(page: Page, names: string[]): Promise<IslandRecord> {
	await page.waitForFunction(
		(names) => {
			const { events } = (window as unknown as { __mochi: IslandRecord }).__mochi;
			return names.every((name) => events.some((event) => event.name === name));
		},
		names,
		{ timeout: WAIT }
	);
	return islandRecord(page);
}

/** `/_mochi/island/Avatar?p=…` → `Avatar`; undefined for any other URL. */
export function islandName(url: string): string | undefined {
	const match = /\/_mochi\/island\/([^/?]+)/.exec(new URL(url).pathname);
	return match ? decodeURIComponent(match[1]) : undefined;
}

export interface HeldIslands {
	/** Names of the island requests the gate is holding, in arrival order. */
	held: string[];
	/** Lets every held (and later) island request through to the real server. */
	release(): void;
}

/** Holds every island request before it leaves the browser, until `release()`. */
export async function holdIslands(page: Page): Promise<HeldIslands> {
	const held: string[] = [];
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_mochi/island/**', async (route) => {
		held.push(islandName(route.request().url())!);
		await released;
		await route.continue();
	});
	return { held, release };
}
