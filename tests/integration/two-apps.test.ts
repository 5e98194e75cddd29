// Two Mochi apps in one process (two dev servers in one test worker, or one server hosting two builds).
import { afterAll, describe, expect, it } from 'vitest';
import { startDev, type RunningApp } from '../helpers/app.js';
import { BASIC, PREFIX, START_TIMEOUT, get } from './support.js';

describe('two apps in one process (dev)', () => {
	const running: RunningApp[] = [];

	afterAll(async () => {
		await Promise.all(running.map((app) => app.stop()));
	});

	// Island names were once a process-global map that each new app cleared: the first app's island
	// pages then answered 500. Names are now keyed by component, and the rest is per app.
	it('keeps the first app’s islands working after a second app loads', async () => {
		const basic = await startDev(BASIC);
		running.push(basic);
		expect((await get(basic, '/islands')).status).toBe(200);
		const prefix = await startDev(PREFIX);
		running.push(prefix);
		expect((await get(prefix, '/')).status).toBe(200);
		const again = await get(basic, '/islands');
		expect(again.status, again.body.match(/message=[^<]*/)?.[0]).toBe(200);
	}, START_TIMEOUT);
});
