// CSRF, the referrer policy and Secure cookies in Chromium, against the built fixture app (tests/apps/csrf):
// a page on another origin that auto-submits a form (each enctype, from a sandboxed frame too) or fetches
// changes nothing and gets a 403; the app's own forms still work; islands still learn their page URL from the
// Referer under strict-origin-when-cross-origin; Chromium keeps the Secure cookies on http://127.0.0.1 and localhost.
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, startBuilt, type RunningApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';
import { waitFor } from '../helpers/wait.js';
import { CSRF_APP, counts, refusal } from '../integration/csrf-fixture.js';
import { startAttacker, type Attacker } from './attacker.js';

const WAIT = 15_000;

describe('CSRF and headers in Chromium (built)', () => {
	let app: RunningApp;
	let attacker: Attacker;
	let browser: Browser;
	const pages: Page[] = [];

	beforeAll(async () => {
		const env = { MOCHI_KEY: randomBytes(32).toString('base64url') };
		await buildApp(CSRF_APP, { ...env, NODE_ENV: 'production' });
		app = await startBuilt(CSRF_APP, env);
		attacker = await startAttacker(app.url);
		browser = await launchBrowser();
	}, 120_000);

	afterEach(async () => {
		await Promise.all(pages.splice(0).map((page) => page.context().close()));
	});

	afterAll(async () => {
		await browser?.close();
		await attacker?.close();
		await app?.stop();
	});

	/** A fresh visitor who already has a session cookie on the app (what an attacker would ride on). */
	async function visitor(): Promise<Page> {
		const context = await browser.newContext();
		context.setDefaultTimeout(WAIT);
		await context.addCookies([{ name: 'session', value: 'victim', url: app.url, sameSite: 'None', secure: true }]);
		const page = await context.newPage();
		pages.push(page);
		return page;
	}

	it.each(['urlencoded', 'multipart', 'text', 'sandboxed'])(
		'a page on another origin that auto-submits a %s form gets a 403 and changes nothing',
		async (kind) => {
			const page = await visitor();
			const before = await counts(app.url);
			const answered = page.waitForResponse((response) => response.url() === `${app.url}/api/counter` && response.request().method() === 'POST');
			await page.goto(`${attacker.url}/${kind}`);
			const response = await answered;
			expect(response.status()).toBe(403);
			// A subframe's document may be replaced before its body is read (Playwright keeps no body for a
			// frame that navigated on); then the body is the server's, asserted over HTTP in integration/csrf.
			const body = await response.text().catch((error: Error) => {
				if (kind === 'sandboxed' && /navigated away|No resource with given identifier/.test(error.message)) return null;
				throw error;
			});
			if (body !== null) expect(body).toBe(refusal('POST'));
			const headers = await response.request().allHeaders();
			expect(headers.origin).toBe(kind === 'sandboxed' ? 'null' : attacker.url);
			expect(await counts(app.url)).toEqual(before);
		}
	);

	it('a cross-origin no-cors fetch gets a 403, with a form type or none, and a cross-origin PUT is never even sent', async () => {
		const before = await counts(app.url);
		for (const [path, type] of [['/fetch', 'text/plain'], ['/fetch-blob', undefined]]) {
			const page = await visitor();
			// The script only sees an opaque answer; the browser saw the 403.
			const answered = page.waitForResponse((response) => response.url() === `${app.url}/api/counter`);
			await page.goto(`${attacker.url}${path}`);
			const response = await answered;
			expect(response.status(), path).toBe(403);
			expect((await response.request().allHeaders())['content-type'], path).toBe(type);
			await waitFor(async () => (await page.title()) === 'sent', { what: `the no-cors fetch of ${path} to settle`, timeout: WAIT });
		}

		const put = await visitor();
		await put.goto(`${attacker.url}/fetch-put`);
		await waitFor(async () => (await put.title()) === 'failed', { what: 'the PUT to be blocked', timeout: WAIT });
		// Only the preflight reached the app (405: it grants no CORS), so the PUT itself was never sent: the CSRF
		// check, which would have logged it, never saw one.
		expect(app.output()).not.toContain('refused PUT');
		expect(await counts(app.url)).toEqual(before);
	});

	it.each(['urlencoded', 'multipart', 'text'])("the app's own %s form still goes through", async (kind) => {
		const page = await visitor();
		await page.goto(`${app.url}/form`);
		const before = (await counts(app.url))['endpoint:POST'] ?? 0;
		const answered = page.waitForResponse((response) => response.url() === `${app.url}/api/counter`);
		await page.locator(`#${kind} button`).click();
		const response = await answered;
		expect(response.status()).toBe(200);
		expect(await response.text()).toBe('counted POST');
		expect((await response.request().allHeaders()).origin).toBe(app.url);
		expect((await counts(app.url))['endpoint:POST']).toBe(before + 1);
	});

	it.each(['/shell', '/form?tab=2'])("an island on %s still reads its page URL from the Referer", async (path) => {
		const page = await visitor();
		const islandReferer = new Promise<string | undefined>((resolve) =>
			page.on('request', (request) => request.url().includes('/_mochi/island/Where') && resolve(request.headers().referer))
		);
		const document = await page.goto(`${app.url}${path}#section`);
		expect(document!.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
		await page.waitForSelector('mochi-island[name="Where"][state="loaded"]');
		// The island fetch is same-origin, so the policy lets the full URL through (never the fragment).
		expect(await islandReferer).toBe(`${app.url}${path}`);
		expect(await page.locator('.where').textContent()).toBe(`[where] page=${app.url}${path} island=/_mochi/island/Where`);
	});

	it.each(['127.0.0.1', 'localhost'])('keeps the Secure cookies of a production server on http://%s and sends them back', async (host) => {
		const page = await visitor();
		const base = app.url.replace('127.0.0.1', host);
		const first = await page.goto(`${base}/api/whoami`);
		expect(first!.status()).toBe(200);
		const set = await first!.headerValue('set-cookie');
		expect(set).toMatch(/sid=default; Path=\/; HttpOnly; Secure; SameSite=Lax/);
		const stored = (await page.context().cookies(base)).filter((cookie) => ['sid', 'forced', 'plain'].includes(cookie.name));
		expect(stored.map(({ name, secure }) => ({ name, secure })).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
			{ name: 'forced', secure: true },
			{ name: 'plain', secure: false },
			{ name: 'sid', secure: true }
		]);
		const again = await page.goto(`${base}/api/whoami`);
		expect(JSON.parse(await again!.text()).sent).toMatch(/sid=default/);
	});
});
