// `mochi dev` in Chromium: editing a client island updates it in place (no reload, Svelte HMR);
// editing a server-only page reloads the page with the new HTML. Works on a throwaway copy of the
// client-islands app, so the fixture itself is never edited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { REPO, startDev, type RunningApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';

const FIXTURE = path.join(REPO, 'tests/apps/client-islands');
const WAIT = 10_000;

describe('dev server HMR', () => {
	let root: string;
	let app: RunningApp;
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		// Inside the workspace, with the fixture's node_modules links kept, so imports resolve as usual.
		root = fs.mkdtempSync(path.join(REPO, 'tests/apps/.hmr-'));
		fs.cpSync(FIXTURE, root, { recursive: true, verbatimSymlinks: true, filter: (src) => !src.includes(`${path.sep}build`) });
		app = await startDev(root, { watch: true });
		browser = await launchBrowser();
		page = await browser.newPage();
	}, 60_000);

	afterAll(async () => {
		await browser?.close();
		await app?.stop();
		if (root) fs.rmSync(root, { recursive: true, force: true });
	});

	function edit(file: string, from: string, to: string) {
		const full = path.join(root, file);
		const source = fs.readFileSync(full, 'utf8');
		expect(source).toContain(from);
		fs.writeFileSync(full, source.replace(from, to));
	}

	it('updates a hydrated island in place when its source changes', async () => {
		await page.goto(`${app.url}/`);
		await page.waitForSelector('mochi-island[name=Counter][state=hydrated]', { timeout: WAIT });
		await page.locator('button.counter').first().click();
		await expect.poll(() => page.locator('button.counter').first().textContent(), { timeout: WAIT }).toBe('a: 6');
		await page.evaluate(() => ((window as any).__sameDocument = true));

		edit('src/lib/Counter.svelte', '{label}: {count}', '{label} = {count}');

		await expect.poll(() => page.locator('button.counter').first().textContent(), { timeout: WAIT }).toMatch(/^a = \d+$/);
		expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
		// Still interactive after the update.
		const before = Number((await page.locator('button.counter').first().textContent())!.split(' = ')[1]);
		await page.locator('button.counter').first().click();
		await expect.poll(() => page.locator('button.counter').first().textContent(), { timeout: WAIT }).toBe(`a = ${before + 1}`);
	});

	it('reloads the page with fresh HTML when a server-only page changes', async () => {
		await page.goto(`${app.url}/`);
		await page.evaluate(() => ((window as any).__sameDocument = true));
		edit('src/routes/index.svelte', '<h1>Client islands</h1>', '<h1>Client islands, edited</h1>');
		await expect.poll(() => page.locator('h1').textContent(), { timeout: WAIT }).toBe('Client islands, edited');
		expect(await page.evaluate(() => (window as any).__sameDocument)).toBeUndefined();
		await page.waitForSelector('mochi-island[name=Counter][state=hydrated]', { timeout: WAIT });
	});
});
