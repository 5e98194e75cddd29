// A streaming page behind nginx (the README's settings, proxy_cache on for pages): `x-accel-buffering: no`
// makes nginx pass each island on as it comes, so the first island is on the page while the response is
// still open, and a page that may stream is never what nginx's cache keeps.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildApp, startBuilt, type RunningApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';
import { APP, newGate } from '../streaming/fixture.js';
import { carriers, openStream } from '../streaming/stream-reader.js';
import { startNginx, type Nginx } from './nginx.js';
import { START_TIMEOUT, freePorts } from './support.js';

describe('a streaming page behind nginx', () => {
	let app: RunningApp;
	let nginx: Nginx;
	let browser: Browser;
	let proxied: string;
	const release = (gate: string) => fetch(`${app.url}/api/release?gate=${gate}`);

	beforeAll(async () => {
		const env = { MOCHI_KEY: randomBytes(32).toString('base64url'), MOCHI_TRUST_PROXY: '1' };
		await buildApp(APP, { ...env, NODE_ENV: 'production' });
		app = await startBuilt(APP, env);
		const port = Number(new URL(app.url).port);
		const [listen] = await freePorts(1);
		nginx = await startNginx([{ port: listen, pages: port, islands: port }]);
		proxied = `http://127.0.0.1:${listen}`;
		browser = await launchBrowser();
	}, START_TIMEOUT);

	afterAll(async () => {
		await browser?.close();
		await nginx?.stop();
		await app?.stop();
	});

	it('passes the first islands on before the response ends, gzip included', async () => {
		for (const encoding of ['identity', 'gzip']) {
			const gate = newGate();
			const stream = await openStream(`${proxied}/?gate=${gate}`, { 'accept-encoding': encoding });
			await stream.until('fast b');
			expect(stream.ended()).toBe(false);
			await release(gate);
			expect(carriers(await stream.end()).map((c) => c.slot)).toEqual([0, 2, 1]);
			expect(stream.headers['x-cache-status']).not.toBe('HIT');
		}
	});

	it('in Chromium: the first island is on the page while the response is still open', async () => {
		const gate = newGate();
		const context = await browser.newContext();
		try {
			const page = await context.newPage();
			const islandRequests: string[] = [];
			page.on('request', (request) => new URL(request.url()).pathname.startsWith('/_mochi/island/') && islandRequests.push(request.url()));
			await page.goto(`${proxied}/?gate=${gate}`, { waitUntil: 'commit', timeout: 20_000 });
			await page.getByTestId('fast-a').waitFor({ timeout: 20_000 });
			// The held island is not in, so the response cannot have ended: the document is still loading.
			expect(await page.evaluate(() => document.readyState)).toBe('loading');
			expect(await page.getByTestId('fallback-gated').isVisible()).toBe(true);
			await release(gate);
			await page.getByTestId('gated').waitFor({ timeout: 20_000 });
			expect(islandRequests).toEqual([]);
		} finally {
			await context.close();
		}
	});
});
