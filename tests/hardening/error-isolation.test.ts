// An island that throws on every request, hammered beside healthy ones: the failures stay inside their own
// responses, the server keeps answering, its memory stays put, and its log does not turn into a firehose.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../helpers/app.js';
import {
	APP,
	START_TIMEOUT,
	get,
	health,
	islandUrl,
	mb,
	readEcho,
	runLoad,
	seconds,
	sleep,
	spawnServer,
	tokenOf,
	type Health,
	type LoadResult,
	type Server
} from './support.js';

const HAMMER_MS = seconds('MOCHI_HAMMER_SECONDS', 10, 60);
const RENDER_FAILED = /island Boom failed to render/g;

describe('error isolation', () => {
	let server: Server;
	let hammer: LoadResult;
	let samples: LoadResult;
	let before: Health;
	let after: Health;
	let logLines: number;
	/** When the hammer started, and when each healthy sample was answered (ms). */
	let hammerStart = 0;
	let hammerEnd = 0;
	const answeredAt: number[] = [];
	/** The longest time without a healthy answer, from the hammer's start to its end. */
	const longestSilence = () => {
		const times = [hammerStart, ...answeredAt, hammerEnd];
		return Math.max(...times.slice(1).map((at, i) => at - times[i]));
	};

	beforeAll(async () => {
		await buildApp(APP);
		server = await spawnServer(['build'], { NODE_OPTIONS: '--expose-gc' });
		const page = (await get(`${server.url}/`)).body;
		const boom = islandUrl(server.url, 'Boom', tokenOf(page, 'Boom'));
		const echo = islandUrl(server.url, 'Echo', tokenOf(page, 'Echo'));
		const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

		const failOnce = async () => {
			const { status, headers, body } = await get(boom, { agent });
			if (status !== 500 || headers['x-mochi-island-error'] !== 'render' || body !== '<!--mochi:island-error-->') {
				throw new Error(`Boom answered ${status} ${headers['x-mochi-island-error']} ${body.slice(0, 100)}`);
			}
		};
		const healthyOnce = async (index: number) => {
			const visitor = `healthy-${index}-${randomBytes(4).toString('hex')}`;
			const { status, body } = await get(echo, { agent, headers: { cookie: `visitor=${visitor}` } });
			if (status !== 200 || readEcho(body)?.visitor !== visitor) throw new Error(`Echo answered ${status} ${body.slice(0, 100)}`);
		};

		// Warm up (JIT, pools, the first log window), so "before" is the steady state rather than a cold start.
		await runLoad({ durationMs: 5_000, concurrency: 8, maxRequests: 400, task: (i) => (i % 2 ? failOnce() : healthyOnce(i)) });
		await sleep(200);
		before = await health(server.url);
		const linesBefore = server.output().match(RENDER_FAILED)?.length ?? 0;

		// The hammer: 32 loops on the broken island; beside it, one healthy request every 20 ms or so.
		hammerStart = Date.now();
		[hammer, samples] = await Promise.all([
			runLoad({ durationMs: HAMMER_MS, concurrency: 32, maxRequests: 1_000_000, task: failOnce }),
			runLoad({ durationMs: HAMMER_MS, concurrency: 1, maxRequests: 100_000, task: (i) => healthyOnce(i).then(() => void answeredAt.push(Date.now())).then(() => sleep(20)) })
		]);
		hammerEnd = Date.now();
		after = await health(server.url);
		logLines = (server.output().match(RENDER_FAILED)?.length ?? 0) - linesBefore;
		agent.destroy();
		console.log(
			`[hardening] error isolation: ${hammer.requests} failing island requests in ${HAMMER_MS / 1000} s, ` +
				`${samples.requests} healthy samples (${samples.failures.length} failed, longest silence ${longestSilence()} ms); ` +
				`RSS ${mb(before.rss)} → ${mb(after.rss)} (${mb(after.rss - before.rss)}), heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)}; ` +
				`${logLines} "failed to render" log lines`
		);
	}, START_TIMEOUT + HAMMER_MS);

	afterAll(async () => {
		await server?.stop();
	});

	it('answers every request of the broken island with its contained 500', () => {
		expect(hammer.requests).toBeGreaterThan(100);
		expect(hammer.failures).toEqual([]);
	});

	it('keeps the healthy islands answering, with the right content, throughout', () => {
		expect(samples.failures).toEqual([]);
		// Not a rate (a busy CI machine answers everything slower): answers all through the hammer, never a
		// silence of half of it, which is what a healthy island queued behind the broken one would show.
		expect(answeredAt.length).toBeGreaterThanOrEqual(3);
		expect(longestSilence()).toBeLessThan(HAMMER_MS / 2);
	});

	it('does not crash or grow', () => {
		expect(after.pid).toBe(before.pid);
		expect(server.output()).not.toMatch(/uncaught|unhandled/i);
		// After a GC both times: a leak per failed render (a context, a stack) would be megabytes of heap by now.
		// RSS is looser: it settles some tens of MB higher once the allocator has served 32 parallel sockets.
		expect(after.heapUsed - before.heapUsed).toBeLessThan(16 * 2 ** 20);
		expect(after.rss - before.rss).toBeLessThan(128 * 2 ** 20);
	});

	// Render failures are logged per island through `rateLimited`, as refusals are: a failing island can't
	// flood the log.
	it('keeps the render-failure log rate-limited', () => {
		// log.ts allows 20 lines per key per 10 s window, and a summary line per window.
		expect(logLines).toBeLessThanOrEqual(Math.ceil(HAMMER_MS / 10_000 + 1) * 21);
	});
});
