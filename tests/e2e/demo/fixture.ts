// The built demo site, served by `node build` as production runs it, and one Chromium for a test file.
// Every test gets fresh browser contexts (own cookies) whose waits time out after a few seconds.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { buildApp, REPO, startBuilt, type RunningApp } from '../../helpers/app.js';
import { launchBrowser } from '../../helpers/browser.js';
import { recordIslandEvents, WAIT } from './page.js';

export const DEMO = path.join(REPO, 'sites/demo');

export interface Visitor {
	context: BrowserContext;
	page: Page;
	/** Uncaught errors in the page; each test expects none. */
	pageErrors: Error[];
}

export interface Demo {
	readonly url: string;
	readonly app: RunningApp;
	/** A new visitor: its own context and cookies, with island events recorded from the first byte. */
	visitor(options?: { user?: string; javaScript?: boolean }): Promise<Visitor>;
}

/** Registers beforeAll/afterAll hooks that build and start the demo; use inside a test file. */
export function useBuiltDemo(): Demo {
	let app: RunningApp | undefined;
	let browser: Browser | undefined;
	let visitors: Visitor[] = [];

	beforeAll(async () => {
		// Build and server share one key, as a deploy would; it also keeps the "unset key" warning out.
		const env = { MOCHI_KEY: randomBytes(32).toString('base64url') };
		await buildApp(DEMO, env);
		app = await startBuilt(DEMO, env);
		browser = await launchBrowser();
	}, 120_000);

	afterEach(async () => {
		const closing = visitors;
		visitors = [];
		await Promise.all(closing.map((visitor) => visitor.context.close()));
		for (const visitor of closing) expect(visitor.pageErrors).toEqual([]);
	});

	afterAll(async () => {
		await browser?.close();
		await app?.stop();
	});

	return {
		get url() {
			return app!.url;
		},
		get app() {
			return app!;
		},
		async visitor({ user, javaScript = true } = {}) {
			const context = await browser!.newContext({ viewport: { width: 1000, height: 800 }, javaScriptEnabled: javaScript });
			context.setDefaultTimeout(WAIT);
			context.setDefaultNavigationTimeout(WAIT * 2);
			if (user) await context.addCookies([{ name: 'demo_user', value: user, url: app!.url }]);
			await context.addInitScript(recordIslandEvents);
			const page = await context.newPage();
			const visitor: Visitor = { context, page, pageErrors: [] };
			page.on('pageerror', (error) => visitor.pageErrors.push(error));
			visitors.push(visitor);
			return visitor;
		}
	};
}
