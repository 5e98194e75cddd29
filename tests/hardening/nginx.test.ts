// Mochi behind nginx with proxy_cache: the shell is cached (s-maxage), islands never are and reach Mochi with
// the visitor's cookie, and pages rendered by instance A have their islands answered by another instance:
// B (same key), C (a new key, with A's as the previous one) and D (an unrelated key, refused cleanly).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';
import { startNginx, type Nginx } from './nginx.js';
import { APP, START_TIMEOUT, freePorts, get, islandUrl, readEcho, spawnServer, tokenOf, type Server } from './support.js';

const newKey = () => randomBytes(32).toString('base64url');
const OLD_KEY = newKey();
const NEW_KEY = newKey();

/** The port a server listens on, for nginx's upstream blocks. */
const portOf = (server: Server) => Number(new URL(server.url).port);

describe('behind nginx', () => {
	const servers: Server[] = [];
	let a: Server;
	let b: Server;
	let c: Server;
	let d: Server;
	let nginx: Nginx;
	/** nginx origins, pages from A each time: islands from B (shared key), C (rotated key), D (unrelated key). */
	let shared: string;
	let rotated: string;
	let unrelated: string;
	/** X-Cache-Status per kind of request, for the CI log; `uncached` where nginx did not even look. */
	const cache: Record<string, Record<string, number>> = {};
	const count = (kind: 'shell' | 'page' | 'island', status: string | string[] | undefined) => {
		const key = String(status ?? 'uncached');
		cache[kind] ??= {};
		cache[kind][key] = (cache[kind][key] ?? 0) + 1;
		return key;
	};

	beforeAll(async () => {
		await buildApp(APP);
		const start = async (env: Record<string, string>) => {
			const server = await spawnServer(['build'], { MOCHI_TRUST_PROXY: '1', ...env });
			servers.push(server);
			return server;
		};
		[a, b, c, d] = await Promise.all([
			start({ MOCHI_KEY: OLD_KEY }),
			start({ MOCHI_KEY: OLD_KEY }),
			start({ MOCHI_KEY: `${NEW_KEY},${OLD_KEY}` }),
			start({ MOCHI_KEY: newKey() })
		]);
		const ports = await freePorts(3);
		nginx = await startNginx([
			{ port: ports[0], pages: portOf(a), islands: portOf(b) },
			{ port: ports[1], pages: portOf(a), islands: portOf(c) },
			{ port: ports[2], pages: portOf(a), islands: portOf(d) }
		]);
		[shared, rotated, unrelated] = ports.map((port) => `http://127.0.0.1:${port}`);
	}, START_TIMEOUT);

	afterAll(async () => {
		console.log(`[hardening] nginx: X-Cache-Status by request kind ${JSON.stringify(cache)}`);
		await nginx?.stop();
		await Promise.all(servers.map((server) => server.stop()));
	});

	it('caches the prerendered shell: MISS once, then HIT', async () => {
		const statuses: string[] = [];
		let body = '';
		for (let i = 0; i < 20; i++) {
			const answer = await get(`${shared}/shell`, { headers: { cookie: `visitor=shell-${i}` } });
			expect(answer.status).toBe(200);
			expect(answer.headers['cache-control']).toBe('public, max-age=0, s-maxage=600');
			statuses.push(count('shell', answer.headers['x-cache-status']));
			body ||= answer.body;
			expect(answer.body).toBe(body); // one shell for every visitor
		}
		console.log(`[hardening] nginx: shell x20 → ${statuses.filter((s) => s === 'HIT').length} HIT, ${statuses.filter((s) => s === 'MISS').length} MISS`);
		expect(statuses[0]).toBe('MISS');
		expect(statuses.slice(1)).toEqual(Array(19).fill('HIT'));
	});

	it("answers the cached shell's island from B on every request, with each visitor's cookie", async () => {
		const token = tokenOf((await get(`${shared}/shell`)).body, 'Echo');
		const renders = new Set<string>();
		for (let i = 0; i < 20; i++) {
			const visitor = `nginx-${i}`;
			const answer = await get(islandUrl(shared, 'Echo', token), {
				headers: { cookie: `visitor=${visitor}`, referer: `${shared}/shell` }
			});
			expect(count('island', answer.headers['x-cache-status'])).not.toBe('HIT');
			expect(answer.status).toBe(200);
			const echo = readEcho(answer.body)!;
			expect(echo).toMatchObject({ visitor, pid: b.pid, page: '/shell', origin: shared });
			expect(answer.headers['set-cookie']).toEqual([expect.stringMatching(new RegExp(`^seen=${visitor}; Path=/`))]);
			renders.add(echo.render);
		}
		// A fresh render each time: nothing between the visitor and Mochi kept a copy.
		expect(renders.size).toBe(20);
	});

	it('renders an on-demand page on A, uncached, and its island on B', async () => {
		const page = await get(`${shared}/`);
		expect(page.status).toBe(200);
		expect(count('page', page.headers['x-cache-status'])).toBe('MISS'); // no cache-control: nginx stores nothing
		expect(page.body).toContain(`page-pid=${a.pid}`);
		const island = await get(islandUrl(shared, 'Echo', tokenOf(page.body, 'Echo')), { headers: { cookie: 'visitor=on-demand' } });
		expect(count('island', island.headers['x-cache-status'])).not.toBe('HIT');
		expect(readEcho(island.body)).toMatchObject({ visitor: 'on-demand', pid: b.pid });
	});

	it('keeps pages signed with the previous key working after a rotation (MOCHI_KEY="<new>,<old>")', async () => {
		// The shell in nginx's cache was signed by A with the old key; C signs with the new one and still accepts the old.
		// (Each site is its own host:port, so its own cache entry: the first request fills it.)
		await get(`${rotated}/shell`);
		const shell = await get(`${rotated}/shell`);
		expect(shell.headers['x-cache-status']).toBe('HIT');
		const old = await get(islandUrl(rotated, 'Echo', tokenOf(shell.body, 'Echo')), { headers: { cookie: 'visitor=rotated' } });
		count('island', old.headers['x-cache-status']);
		expect(old.status).toBe(200);
		expect(readEcho(old.body)).toMatchObject({ visitor: 'rotated', pid: c.pid });
		// C's own pages carry new-key tokens, which C verifies and an old-key-only instance (B) refuses.
		const fresh = tokenOf((await get(`${c.url}/`)).body, 'Echo');
		expect(fresh).not.toBe(tokenOf(shell.body, 'Echo'));
		expect((await get(islandUrl(c.url, 'Echo', fresh))).status).toBe(200);
		expect((await get(islandUrl(b.url, 'Echo', fresh))).status).toBe(403);
	});

	it('refuses the island cleanly (403) when the instances share no key', async () => {
		const token = tokenOf((await get(`${unrelated}/shell`)).body, 'Echo');
		const answer = await get(islandUrl(unrelated, 'Echo', token), { headers: { cookie: 'visitor=x' } });
		expect(count('island', answer.headers['x-cache-status'])).not.toBe('HIT');
		expect(answer.status).toBe(403);
		expect(answer.headers['x-mochi-island-error']).toBe('signature');
		expect(answer.body).toBe('Bad signature.');
		expect(d.output()).toMatch(/island "Echo": 403 signature/);
	});

	it("overwrites the client's X-Forwarded-Host/-Proto and appends to its X-Forwarded-For: Mochi sees what nginx saw", async () => {
		const answer = await get(`${shared}/api/whoami`, {
			headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', 'x-forwarded-for': '6.6.6.6', cookie: 'visitor=proxied' }
		});
		expect(answer.status).toBe(200);
		// nginx wrote $http_host and $scheme over the client's values, and appended $remote_addr to its list.
		expect(JSON.parse(answer.body)).toEqual({ visitor: 'proxied', clientAddress: '127.0.0.1', origin: shared });
	});

	it('keys its cache by host too: another Host is another entry, never the first one\'s copy', async () => {
		const shell = (host: string) => get(`${shared}/shell`, { headers: { host } });
		const first = await shell('a.shop.example');
		expect(first.status).toBe(200);
		expect(count('shell', first.headers['x-cache-status'])).toBe('MISS');
		expect(count('shell', (await shell('b.shop.example')).headers['x-cache-status'])).toBe('MISS');
		expect(count('shell', (await shell('a.shop.example')).headers['x-cache-status'])).toBe('HIT');
	});

	describe('in Chromium', () => {
		let browser: Browser;

		beforeAll(async () => {
			browser = await launchBrowser();
		}, START_TIMEOUT);

		afterAll(async () => {
			await browser?.close();
		});

		/** Opens `url` with a visitor cookie and returns the island's state, text and the events it fired. */
		async function visit(origin: string) {
			const context = await browser.newContext();
			try {
				await context.addCookies([{ name: 'visitor', value: 'chromium', url: origin }]);
				const page = await context.newPage();
				await page.addInitScript(() => {
					const seen: unknown[] = ((window as unknown as { __events: unknown[] }).__events = []);
					for (const type of ['mochi:island-load', 'mochi:island-error']) {
						document.addEventListener(type, (event) => seen.push({ type, detail: (event as CustomEvent).detail ?? null }));
					}
				});
				await page.goto(`${origin}/shell`);
				await page.waitForSelector('mochi-island[name="Echo"][state]', { timeout: 15_000 });
				const island = page.locator('mochi-island[name="Echo"]');
				return {
					state: await island.getAttribute('state'),
					text: (await island.textContent())?.trim(),
					events: await page.evaluate(() => (window as unknown as { __events: unknown[] }).__events)
				};
			} finally {
				await context.close();
			}
		}

		it('loads the island through nginx with the browser cookie', { timeout: 30_000 }, async () => {
			const result = await visit(shared);
			expect(result.state).toBe('loaded');
			expect(readEcho(`${result.text}</p>`)).toMatchObject({ visitor: 'chromium', page: '/shell', origin: shared, pid: b.pid });
			expect(result.events).toEqual([{ type: 'mochi:island-load', detail: null }]);
		});

		it('keeps the fallback and fires mochi:island-error when the island is refused', { timeout: 30_000 }, async () => {
			const result = await visit(unrelated);
			expect(result.state).toBe('error');
			expect(result.text).toBe('echo fallback');
			expect(result.events).toEqual([{ type: 'mochi:island-error', detail: expect.objectContaining({ status: 403 }) }]);
		});
	});
});
