// The island endpoint of a BUILT app, over real HTTP, under generated attacks: bit flips, truncations,
// other islands' names, other keys, valid MACs over non-props, decompression bombs, oversized tokens,
// bad UTF-8, path tricks and wrong methods. Every answer must be a 4xx that never ran the component
// (the Greeting island prints "[greeting]", sets a `greeted` cookie and an `x-island` header), and
// the server must still answer a genuine token afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, startBuilt, tokenOf, type RunningApp } from '../helpers/app.js';
import { BASIC, START_TIMEOUT, get, islandNames, islandPath } from '../integration/support.js';
import { createHash } from 'node:crypto';
import { createClient, pool } from './raw-http.js';
import { generateCases, type FuzzCase } from './generate.js';

const IN_FLIGHT = 32;
const MARKER = '[greeting]';

describe('island endpoint under fuzzing (built, real HTTP)', () => {
	// A fixed key: signing is deterministic, so every token below (and any failure) is the same on each run.
	const serverKey = createHash('sha256').update('mochi endpoint fuzz key').digest('base64url');
	let app: RunningApp;
	let shell: string;

	beforeAll(async () => {
		await buildApp(BASIC);
		app = await startBuilt(BASIC, { MOCHI_KEY: serverKey });
		shell = (await get(app, '/islands')).body;
	}, START_TIMEOUT);

	afterAll(async () => {
		await app?.stop();
	});

	it('answers every generated request with a 4xx that never rendered the island, then still serves a genuine one', async () => {
		const others = Object.fromEntries(islandNames(shell).filter((name) => name !== 'Greeting').map((name) => [name, tokenOf(shell, name)]));
		const cases = generateCases({ greeting: tokenOf(shell, 'Greeting'), others, serverKey });
		expect(cases.length).toBeGreaterThanOrEqual(10_000);

		const client = createClient(app.url, IN_FLIGHT);
		const histogram = new Map<string, number>();
		const failures: string[] = [];
		const started = Date.now();
		try {
			await pool(cases, IN_FLIGHT, async (fuzz) => {
				const problem = await check(client.send, fuzz);
				if (problem.text) failures.push(problem.text);
				const key = `${problem.status} ${problem.reason}`;
				histogram.set(key, (histogram.get(key) ?? 0) + 1);
			});
		} finally {
			client.close();
		}

		const rows = [...histogram].sort(([a], [b]) => a.localeCompare(b));
		console.log(
			`[fuzz] island endpoint: ${cases.length} requests in ${Date.now() - started} ms, ${IN_FLIGHT} in flight, ` +
				`${cases.length - failures.length} refused as expected\n` +
				rows.map(([key, count]) => `  ${key.padEnd(28)} ${count}`).join('\n') +
				'\n  by kind: ' +
				JSON.stringify(countBy(cases, (fuzz) => fuzz.kind))
		);
		expect(failures.slice(0, 20)).toEqual([]);
		expect([...histogram.keys()].filter((key) => key.startsWith('5'))).toEqual([]);

		// Still alive and still serving: the genuine token renders.
		const genuine = await get(app, islandPath('Greeting', tokenOf(shell, 'Greeting')));
		expect(genuine.status).toBe(200);
		expect(genuine.body).toContain(MARKER);
		// Refusals log one line each, rate-limited, and never a stack.
		expect(app.output()).not.toMatch(/^\s+at /m);
		expect(app.output()).not.toMatch(/failed to render|Error:/);
	}, 300_000);
});

/** Sends one case; returns its status and reason, with `text` set when the answer broke a rule. */
async function check(send: ReturnType<typeof createClient>['send'], fuzz: FuzzCase) {
	const describe = `${fuzz.kind}: ${fuzz.request.method} ${fuzz.request.path.slice(0, 160)}`;
	let response;
	try {
		response = await send(fuzz.request);
	} catch (error) {
		return { status: 'network', reason: String(error), text: `${describe}: no answer (${error})` };
	}
	const reason = String(response.headers['x-mochi-island-error'] ?? '-');
	const ran =
		response.body.includes(MARKER) ||
		response.headers['x-island'] !== undefined ||
		(response.headers['set-cookie'] ?? []).some((line) => line.startsWith('greeted='));
	let text: string | undefined;
	if (ran) text = `${describe}: the island rendered (${response.status})`;
	else if (!fuzz.allowed.includes(response.status)) text = `${describe}: ${response.status} ${reason}, expected ${fuzz.allowed.join('/')}: ${response.body.slice(0, 120)}`;
	return { status: response.status, reason, text };
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
	return counts;
}
