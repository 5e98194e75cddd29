// A throwaway copy of a fixture app under tests/apps/ (so its node_modules links resolve), served by
// `mochi dev` with file watching, and one Chromium page. Tests edit the copy, never the fixture.
import { afterAll, beforeAll, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { REPO, startDev, type RunningApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';

export interface DevFixture {
	readonly url: string;
	readonly page: Page;
	output(): string;
	edit(file: string, from: string, to: string): void;
}

export function useDevCopy(fixture: string): DevFixture {
	let root = '';
	let app: RunningApp;
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		root = fs.mkdtempSync(path.join(REPO, 'tests/apps/.hmr-'));
		const source = path.join(REPO, 'tests/apps', fixture);
		fs.cpSync(source, root, { recursive: true, verbatimSymlinks: true, filter: (src) => !src.includes(`${path.sep}build`) });
		app = await startDev(root, { watch: true });
		browser = await launchBrowser();
		page = await browser.newPage();
	}, 60_000);

	afterAll(async () => {
		await browser?.close();
		await app?.stop();
		if (root) fs.rmSync(root, { recursive: true, force: true });
	});

	return {
		get url() {
			return app.url;
		},
		get page() {
			return page;
		},
		output: () => app.output(),
		edit(file, from, to) {
			const full = path.join(root, file);
			const source = fs.readFileSync(full, 'utf8');
			expect(source).toContain(from);
			fs.writeFileSync(full, source.replace(from, to));
		}
	};
}
