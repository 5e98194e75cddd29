// Against the built crash fixture, over real HTTP: a page, an island and an endpoint that leave a rejected promise,
// a timer throw (and an event handler throw) behind on every request are hit 20 times each, and the server keeps
// answering, logs each error with its request and rate-limits the log; under MOCHI_WORKERS=2 every worker keeps
// answering and the primary counts no crash, while a real exit still restarts a worker; `mochi dev` survives too.
// A page, an island and an endpoint that never settle are answered with a 503 within the fixture's 1 s timeout.
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, buildApp, stopChild } from '../helpers/app.js';
import { collectOutput } from '../helpers/output.js';
import { waitFor } from '../helpers/wait.js';
import { alive, get, islandUrl, sleep, spawnServer, tokenOf, waitUntil, type Server } from '../hardening/support.js';

const CRASH = path.join(REPO, 'tests/apps/crash');
const CLI = path.join(REPO, 'packages/mochi/bin/mochi.js');
const ROUNDS = 20;

const REJECTION_LINES = /\[mochi\] unhandled rejection during /g;
const EXCEPTION_LINES = /\[mochi\] uncaught exception during /g;
const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

/** A POST on a fresh connection, bounded. */
function post(url: string): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const request = http.request(url, { method: 'POST', agent: false }, (response) => {
			let body = '';
			response.setEncoding('utf8');
			response.on('data', (chunk: string) => (body += chunk));
			response.on('end', () => resolve({ status: response.statusCode!, body }));
		});
		request.setTimeout(10_000, () => request.destroy(new Error(`timed out: POST ${url}`)));
		request.on('error', reject);
		request.end();
	});
}

/** The pid in a leak answer: JSON from the endpoint, `pid=N` in the page and island HTML. */
const pidOf = (body: string) => Number(body.match(/"pid":(\d+)|pid=(\d+)/)!.slice(1).find(Boolean));

/** Hits the three leaking routes, interleaved, `ROUNDS` times each; every answer must be the right one. */
async function hitLeaks(base: string): Promise<{ pids: Set<number>; ms: number }> {
	const island = islandUrl(base, 'LeakIsland', tokenOf((await get(`${base}/leak/island`)).body, 'LeakIsland'));
	const targets = [
		{ url: `${base}/leak/page`, marker: '[leak page]' },
		{ url: island, marker: '[leak island]' },
		{ url: `${base}/leak/endpoint`, marker: '"pid":' }
	];
	const pids = new Set<number>();
	const started = Date.now();
	for (let round = 0; round < ROUNDS; round++) {
		for (const { url, marker } of targets) {
			const { status, body } = await get(url, { timeoutMs: 10_000 });
			expect(status, url).toBe(200);
			expect(body).toContain(marker);
			pids.add(pidOf(body));
		}
	}
	return { pids, ms: Date.now() - started };
}

/** The pids behind `count` fresh connections to /api/pid. */
async function answeringPids(base: string, count = 40): Promise<Set<number>> {
	const pids = new Set<number>();
	for (let i = 0; i < count; i++) {
		const { status, body } = await get(`${base}/api/pid`, { timeoutMs: 10_000 });
		expect(status).toBe(200);
		pids.add(JSON.parse(body).pid);
	}
	return pids;
}

beforeAll(async () => {
	await buildApp(CRASH);
}, 120_000);

describe('one process', () => {
	let server: Server;

	beforeAll(async () => {
		server = await spawnServer(['build'], {}, CRASH);
	}, 30_000);
	afterAll(async () => {
		await server?.stop();
	});

	it('survives every error a page, an island and an endpoint leave behind, and logs each with its request, rate-limited', async () => {
		const { pids, ms } = await hitLeaks(server.url);
		expect(pids).toEqual(new Set([server.pid]));
		// Each answer's timers fire right after it; by now they all have.
		await sleep(300);
		expect(alive(server.pid)).toBe(true);
		expect(await answeringPids(server.url, 5)).toEqual(new Set([server.pid]));
		const output = server.output();
		for (const [where, pathname] of [
			['page', '/leak/page'],
			['island', '/_mochi/island/LeakIsland'],
			['endpoint', '/leak/endpoint']
		]) {
			expect(output).toContain(`[mochi] unhandled rejection during GET ${pathname}, the server keeps running: Error: ${where}: leaked rejection\n    at `);
			expect(output).toContain(`[mochi] uncaught exception during GET ${pathname}, the server keeps running: Error: ${where}: timer throw\n    at `);
		}
		expect(output).toContain('[mochi] uncaught exception during GET /leak/endpoint, the server keeps running: Error: endpoint: event handler throw');
		// 60 rejections and 80 throws, but at most 20 lines of each kind per 10 s.
		const windows = 1 + Math.floor(ms / 10_000);
		const rejections = count(output, REJECTION_LINES);
		const exceptions = count(output, EXCEPTION_LINES);
		expect(rejections).toBeGreaterThanOrEqual(Math.min(20, 3 * ROUNDS));
		expect(rejections).toBeLessThanOrEqual(20 * windows);
		expect(exceptions).toBeLessThanOrEqual(20 * windows);
		expect(output).not.toMatch(/exited|Listening on[\s\S]*Listening on/);
		console.log(
			`[crash] one process: ${3 * ROUNDS} rejections and ${4 * ROUNDS} throws survived in ${ms} ms; ` +
				`logged ${rejections} rejection and ${exceptions} exception lines (rate limit 20 per kind per 10 s)`
		);
	});

	it('answers a page, an island and an endpoint that never settle with a 503 within the 1 s render timeout', async () => {
		const hang = islandUrl(server.url, 'HangIsland', tokenOf((await get(`${server.url}/hang/island`)).body, 'HangIsland'));
		const cases = [
			{ url: `${server.url}/hang/page`, type: 'text/html; charset=utf-8', body: '<h1>503 Service Unavailable</h1>', log: 'GET /hang/page' },
			{ url: hang, type: 'text/plain; charset=utf-8', body: '<!--mochi:island-error-->', log: 'GET /_mochi/island/HangIsland' },
			{ url: `${server.url}/hang/endpoint`, type: 'text/plain; charset=utf-8', body: 'took too long', log: 'GET /hang/endpoint' }
		];
		const figures: string[] = [];
		for (const expected of cases) {
			const started = Date.now();
			const { status, headers, body } = await get(expected.url, { timeoutMs: 15_000 });
			const ms = Date.now() - started;
			figures.push(`${expected.log} ${status} in ${ms} ms`);
			expect(status).toBe(503);
			expect(headers['content-type']).toBe(expected.type);
			expect(headers['cache-control']).toBe('no-store');
			expect(body).toContain(expected.body);
			expect(ms).toBeGreaterThanOrEqual(900);
			expect(ms).toBeLessThan(15_000);
			// The log arrives through a pipe, possibly after the answer: wait for it.
			const line = `[mochi] ${expected.log}: no answer within 1000 ms (server.renderTimeout), answered 503`;
			await waitFor(() => server.output().includes(line), { what: line, timeout: 15_000 });
		}
		const island = await get(hang);
		expect(island.headers['x-mochi-island-error']).toBe('timeout');
		console.log(`[crash] render timeout (1000 ms): ${figures.join('; ')}`);
		expect((await get(`${server.url}/api/pid`)).status).toBe(200);
	});

	it("aborts a timed-out request's signal, so work it was passed to stops, while the client is still connected", async () => {
		const before = (await (await fetch(`${server.url}/api/abandoned`)).json()) as string[];
		const { status } = await get(`${server.url}/hang/signal`, { timeoutMs: 15_000 });
		expect(status).toBe(503);
		const reason = 'The server gave up on this request after 1000 ms (server.renderTimeout)';
		await waitFor(async () => ((await (await fetch(`${server.url}/api/abandoned`)).json()) as string[]).length > before.length, {
			what: 'the endpoint to see its signal abort',
			timeout: 15_000
		});
		expect(await (await fetch(`${server.url}/api/abandoned`)).json()).toEqual([...before, reason]);
	});

	it('does not time a slow page inside the limit, nor an endpoint body streamed after its Response returned', async () => {
		expect((await get(`${server.url}/slow/page`)).body).toContain('[slow page] done');
		const started = Date.now();
		const { status, body } = await get(`${server.url}/slow/stream`, { timeoutMs: 15_000 });
		expect(status).toBe(200);
		expect(body).toBe('chunk 1\nchunk 2\nchunk 3\nchunk 4\nchunk 5\n');
		expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
	});

	it('keeps the test-only exit route shut unless the suite opens it', async () => {
		expect((await post(`${server.url}/crash/exit`)).status).toBe(404);
		expect(alive(server.pid)).toBe(true);
	});
});

describe('MOCHI_WORKERS=2', () => {
	let server: Server;

	beforeAll(async () => {
		server = await spawnServer(['build'], { MOCHI_WORKERS: '2', CRASH_FIXTURE_EXIT: '1' }, CRASH);
	}, 30_000);
	afterAll(async () => {
		await server?.stop();
	});

	it('keeps both workers answering after every leak, and the primary counts no crash', async () => {
		const workers = await answeringPids(server.url);
		expect(workers.size).toBe(2);
		const { pids, ms } = await hitLeaks(server.url);
		// Fresh connections are dealt round-robin: both workers served leaking requests.
		expect(pids).toEqual(workers);
		await sleep(300);
		expect(await answeringPids(server.url)).toEqual(workers);
		for (const pid of workers) expect(alive(pid)).toBe(true);
		const output = server.output();
		expect(output).not.toMatch(/exited with code|was killed by|starting a new one|giving up/);
		expect(count(output, REJECTION_LINES)).toBeGreaterThan(0);
		console.log(
			`[crash] 2 workers (${[...workers].join(', ')}): ${3 * ROUNDS} rejections and ${4 * ROUNDS} throws survived in ${ms} ms, ` +
				'no worker restarted, no crash counted'
		);
	});

	it('still replaces a worker that really exits', { timeout: 30_000 }, async () => {
		const before = await answeringPids(server.url);
		const { status, body } = await post(`${server.url}/crash/exit`);
		expect(status).toBe(200);
		const victim = JSON.parse(body).pid as number;
		expect(before.has(victim)).toBe(true);
		await waitUntil(
			() => (new RegExp(`worker ${victim} exited with code 1; starting a new one in \\d+ ms`).test(server.output()) ? true : undefined),
			10_000,
			'the primary to notice the exit'
		);
		const replacement = await waitUntil(
			async () => {
				const answer = await get(`${server.url}/api/pid`, { timeoutMs: 2_000 }).catch(() => undefined);
				const pid = answer?.status === 200 ? (JSON.parse(answer.body).pid as number) : undefined;
				return pid !== undefined && !before.has(pid) ? pid : undefined;
			},
			15_000,
			'a new worker'
		);
		expect(alive(victim)).toBe(false);
		expect(alive(server.pid)).toBe(true);
		expect(server.output()).not.toContain('giving up');
		console.log(`[crash] worker ${victim} exited with 1 and was replaced by ${replacement}`);
	});
});

describe('mochi dev', () => {
	it('survives the same leaks, logging them with their request', { timeout: 60_000 }, async () => {
		const child = spawn(process.execPath, [CLI, 'dev', '--port', '0', '--host', '127.0.0.1'], {
			cwd: CRASH,
			env: { ...process.env, NODE_ENV: 'development' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const plain = collectOutput(child);
		try {
			const base = await waitUntil(() => plain().match(/Local:\s+(http:\/\/127\.0\.0\.1:\d+)/)?.[1], 30_000, 'mochi dev to listen');
			for (let i = 0; i < 5; i++) {
				expect((await get(`${base}/leak/page`, { timeoutMs: 20_000 })).status).toBe(200);
				expect((await get(`${base}/leak/endpoint`, { timeoutMs: 20_000 })).status).toBe(200);
			}
			await sleep(300);
			expect(child.exitCode).toBeNull();
			expect((await get(`${base}/api/pid`)).status).toBe(200);
			expect(plain()).toContain('[mochi] unhandled rejection during GET /leak/page, the server keeps running: Error: page: leaked rejection');
			expect(plain()).toContain('[mochi] uncaught exception during GET /leak/endpoint, the server keeps running: Error: endpoint: timer throw');
		} finally {
			await stopChild(child);
		}
	});
});
