// The CSP test app (tests/apps/csp: a strict policy, every island kind), built and served by `node build`
// or by the Vite dev server, and one Chromium per test file. Every visitor records the page's CSP
// violations (`securitypolicyviolation`, from an init script that runs before any of the page's own).
import path from 'node:path';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { REPO, startInMode, type RunningApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';
import { WAIT } from '../e2e-client-islands/page.js';

export const APP = path.join(REPO, 'tests/apps/csp');

export interface Violation {
	directive: string;
	blocked: string;
	disposition: string;
	sample: string;
}

export interface IslandEvent {
	type: string;
	name: string;
	state: string | null;
	reason: string | null;
}

export interface Visitor {
	context: BrowserContext;
	page: Page;
	/** Every request the page made, in order. */
	requests: Request[];
	/** `console.warn` / `console.error` output of the page, as `type: text` (Chromium logs each CSP refusal there too). */
	console: string[];
	pageErrors: Error[];
	/** The violations the page reported so far. */
	violations(): Promise<Violation[]>;
	/** Island events so far, with `detail.reason` of errors. */
	islandEvents(): Promise<IslandEvent[]>;
}

export interface CspApp {
	readonly url: string;
	readonly mode: 'built' | 'dev';
	visitor(): Promise<Visitor>;
	/** Adds a line to the figures printed after the file: violations counted on one page. */
	record(page: string, violations: number): void;
}

/** Init script (sent as source): violations and island events on `window`, from the very first parse. */
function instruments(): void {
	const w = window as unknown as { __violations: unknown[]; __islandEvents: unknown[] };
	w.__violations = [];
	w.__islandEvents = [];
	document.addEventListener(
		'securitypolicyviolation',
		(event) => w.__violations.push({ directive: event.effectiveDirective, blocked: event.blockedURI, disposition: event.disposition, sample: event.sample }),
		true
	);
	for (const type of ['mochi:island-load', 'mochi:island-hydrate', 'mochi:island-error']) {
		document.addEventListener(
			type,
			(event) => {
				const target = event.target as Element;
				const reason = (event as CustomEvent<{ reason?: string } | undefined>).detail?.reason ?? null;
				w.__islandEvents.push({ type, name: target.getAttribute('name'), state: target.getAttribute('state'), reason });
			},
			true
		);
	}
}

/** Registers the hooks that build and start the app (`reportOnly`: built with CSP_REPORT_ONLY=1) and Chromium. */
export function useCspApp(mode: 'built' | 'dev', { reportOnly = false } = {}): CspApp {
	let app: RunningApp | undefined;
	let browser: Browser | undefined;
	let visitors: Visitor[] = [];
	const figures: string[] = [];

	beforeAll(async () => {
		app = await startInMode(APP, mode, { CSP_REPORT_ONLY: reportOnly ? '1' : '' });
		browser = await launchBrowser();
	}, 180_000);

	afterEach(async () => {
		const closing = visitors;
		visitors = [];
		await Promise.all(closing.map((visitor) => visitor.context.close()));
		for (const visitor of closing) expect(visitor.pageErrors.map((error) => error.message)).toEqual([]);
	});

	afterAll(async () => {
		await browser?.close();
		await app?.stop();
		if (figures.length) console.log(figures.join('\n'));
	});

	const label = `${mode}${reportOnly ? ', report-only' : ''}`;
	return {
		mode,
		get url() {
			return app!.url;
		},
		record(page, violations) {
			figures.push(`[csp] ${label} ${page}: ${violations} CSP violations`);
		},
		async visitor() {
			const context = await browser!.newContext({ viewport: { width: 1000, height: 800 } });
			context.setDefaultTimeout(WAIT);
			context.setDefaultNavigationTimeout(WAIT * 2);
			await context.addInitScript(instruments);
			const page = await context.newPage();
			const visitor: Visitor = {
				context,
				page,
				requests: [],
				console: [],
				pageErrors: [],
				violations: () => page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations),
				islandEvents: () => page.evaluate(() => (window as unknown as { __islandEvents: IslandEvent[] }).__islandEvents)
			};
			page.on('request', (request) => visitor.requests.push(request));
			page.on('pageerror', (error) => visitor.pageErrors.push(error));
			page.on('console', (message) => {
				if (message.type() !== 'warning' && message.type() !== 'error') return;
				const from = message.location().url;
				// Chromium asks every new browser for /favicon.ico; the test app has none.
				if (from && new URL(from).pathname === '/favicon.ico') return;
				visitor.console.push(`${message.type()}: ${message.text()}`);
			});
			visitors.push(visitor);
			return visitor;
		}
	};
}

/** Console lines that are Chromium's own CSP reports. */
export const cspConsoleLines = (visitor: Visitor): string[] => visitor.console.filter((line) => /Content Security Policy/i.test(line));
