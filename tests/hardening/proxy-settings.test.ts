// MOCHI_TRUST_PROXY and ORIGIN: forwarded headers count only when the operator says a proxy sets them.
// The Echo island prints the origin its request context sees (`ctx.url.origin`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../helpers/app.js';
import { APP, START_TIMEOUT, get, islandUrl, readEcho, runToExit, spawnServer, tokenOf, type Server } from './support.js';

const FORWARDED = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'shop.example' };

async function originSeen(server: Server): Promise<string | undefined> {
	const token = tokenOf((await get(`${server.url}/shell`)).body, 'Echo');
	return readEcho((await get(islandUrl(server.url, 'Echo', token), { headers: FORWARDED })).body)?.origin;
}

describe('proxy settings', () => {
	const servers: Server[] = [];

	beforeAll(async () => {
		await buildApp(APP);
	}, START_TIMEOUT);

	afterAll(async () => {
		await Promise.all(servers.map((server) => server.stop()));
	});

	const start = async (env: Record<string, string>) => {
		const server = await spawnServer(['build'], env);
		servers.push(server);
		return server;
	};

	it('ignores x-forwarded-* by default', async () => {
		const server = await start({});
		expect(await originSeen(server)).toBe(server.url);
	});

	it('trusts them with MOCHI_TRUST_PROXY=1', async () => {
		expect(await originSeen(await start({ MOCHI_TRUST_PROXY: '1' }))).toBe('https://shop.example');
	});

	it('pins the origin with ORIGIN, whatever the headers say', async () => {
		expect(await originSeen(await start({ ORIGIN: 'https://pinned.example', MOCHI_TRUST_PROXY: '1' }))).toBe('https://pinned.example');
	});

	it('refuses to start on a bad setting, saying which', async () => {
		const origin = await runToExit(['build'], { ORIGIN: 'shop.example' });
		expect(origin.code).toBe(1);
		expect(origin.output.trim()).toBe('mochi: ORIGIN must be a bare http(s) origin such as https://shop.example, got "shop.example"');
		const trust = await runToExit(['build'], { MOCHI_TRUST_PROXY: 'yes please' });
		expect(trust.code).toBe(1);
		expect(trust.output.trim()).toBe('mochi: MOCHI_TRUST_PROXY must be 1 or 0 (true or false), got "yes please"');
	});
});
