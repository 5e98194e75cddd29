// Thousands of island requests in flight at once against one built server, each with its own cookie and
// page: the request context must never leak across the `await` inside the island.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../helpers/app.js';
import { APP, START_TIMEOUT, get, health, islandUrl, readEcho, spawnServer, tokenOf, type Server } from './support.js';

const REQUESTS = Math.max(2000, Number(process.env.MOCHI_HARDENING_REQUESTS ?? 2000));

describe('concurrency', () => {
	let server: Server;

	beforeAll(async () => {
		await buildApp(APP);
		server = await spawnServer();
	}, START_TIMEOUT);

	afterAll(async () => {
		await server?.stop();
	});

	it(`answers ${REQUESTS} island requests in flight at once, each with exactly its own cookie`, { timeout: 120_000 }, async () => {
		const token = tokenOf((await get(`${server.url}/`)).body, 'Echo');
		// One socket per request, so that all of them are open at once rather than queued in the client.
		const agent = new http.Agent({ keepAlive: false, maxSockets: REQUESTS });
		const started = Date.now();
		const answers = await Promise.all(
			Array.from({ length: REQUESTS }, async (_, index) => {
				const visitor = `v${index}-${randomBytes(6).toString('hex')}`;
				const headers = { cookie: `visitor=${visitor}`, referer: `${server.url}/page/${index}` };
				try {
					return { index, visitor, answer: await get(islandUrl(server.url, 'Echo', token), { agent, headers, timeoutMs: 60_000 }) };
				} catch (error) {
					return { index, visitor, error: (error as Error).message };
				}
			})
		);
		const elapsed = Date.now() - started;
		agent.destroy();

		const mismatches: string[] = [];
		for (const { index, visitor, answer, error } of answers) {
			if (!answer) {
				mismatches.push(`#${index}: ${error}`);
				continue;
			}
			const echo = readEcho(answer.body);
			const seen = String(answer.headers['set-cookie'] ?? '');
			const ok =
				answer.status === 200 &&
				echo?.count === 1 &&
				echo.visitor === visitor &&
				echo.before === visitor &&
				echo.page === `/page/${index}` &&
				seen.startsWith(`seen=${visitor};`);
			if (!ok) mismatches.push(`#${index} (${visitor}): ${answer.status} ${answer.body.slice(0, 200)} set-cookie=${seen}`);
		}
		const { peak } = await health(server.url);
		console.log(
			`[hardening] concurrency: ${REQUESTS} island requests in flight at once, ${mismatches.length} mismatches, ` +
				`${elapsed} ms, peak ${peak} renders awaiting inside the server`
		);
		expect(mismatches.slice(0, 10)).toEqual([]);
		expect(server.output()).not.toMatch(/failed|Error/);
	});
});
