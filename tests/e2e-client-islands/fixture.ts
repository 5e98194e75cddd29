// The client-islands test app, built and served by `node build` (or by the Vite dev server), and one
// Chromium per test file. Each visitor gets a fresh context and a log of what the page did.
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { REPO, startInMode, type RunningApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';
import { recordIslandEvents, WAIT } from './page.js';

export const APP = path.join(REPO, 'tests/apps/client-islands');

export interface Visitor {
	context: BrowserContext;
	page: Page;
	/** Every request the page made, in order. */
	requests: Request[];
	/** `console.warn` / `console.error` output of the page, as `type: text`. */
	warnings: string[];
	/** Uncaught errors in the page; each test expects none (and no warnings either). */
	pageErrors: Error[];
}

export interface VisitorOptions {
	/** `name=value` cookies for the app's origin. */
	cookies?: Record<string, string>;
	javaScriptEnabled?: boolean;
}

export interface TestApp {
	readonly url: string;
	readonly mode: 'built' | 'dev';
	visitor(options?: VisitorOptions): Promise<Visitor>;
}

/** Registers the hooks that start the app and Chromium; call it at the top of a test file. */
export function useClientIslandsApp(mode: 'built' | 'dev'): TestApp {
	let app: RunningApp | undefined;
	let browser: Browser | undefined;
	let visitors: Visitor[] = [];

	beforeAll(async () => {
		app = await startInMode(APP, mode);
		browser = await launchBrowser();
	}, 120_000);

	afterEach(async () => {
		const closing = visitors;
		visitors = [];
		await Promise.all(closing.map((visitor) => visitor.context.close()));
		for (const visitor of closing) {
			expect(visitor.pageErrors).toEqual([]);
			expect(visitor.warnings, 'console warnings and errors').toEqual([]);
		}
	});

	afterAll(async () => {
		await browser?.close();
		await app?.stop();
	});

	return {
		mode,
		get url() {
			return app!.url;
		},
		async visitor({ cookies = {}, javaScriptEnabled = true } = {}) {
			const options: BrowserContextOptions = { viewport: { width: 1000, height: 800 }, javaScriptEnabled };
			const context = await browser!.newContext(options);
			context.setDefaultTimeout(WAIT);
			context.setDefaultNavigationTimeout(WAIT * 2);
			const jar = Object.entries(cookies).map(([name, value]) => ({ name, value, url: app!.url }));
			if (jar.length) await context.addCookies(jar);
			await context.addInitScript(recordIslandEvents);
			const page = await context.newPage();
			const visitor: Visitor = { context, page, requests: [], warnings: [], pageErrors: [] };
			page.on('request', (request) => visitor.requests.push(request));
			page.on('pageerror', (error) => visitor.pageErrors.push(error));
			page.on('console', (message) => {
				if (message.type() !== 'warning' && message.type() !== 'error') return;
				const from = message.location().url;
				// Chromium asks every new browser for /favicon.ico; the test app has none.
				if (from && new URL(from).pathname === '/favicon.ico') return;
				visitor.warnings.push(`${message.type()}: ${message.text()}${from ? ` (${from})` : ''}`);
			});
			visitors.push(visitor);
			return visitor;
		}
	};
}
