// mochi({ islands: { maxAge } }) end to end, built: the option reaches the server, tokens signed on
// request carry an issue time and answer 410 `expired` once stale, and prerendered pages' islands
// (no issue time) keep working. Runs on a throwaway copy of the basic app with the option set.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, buildApp, startBuilt, tokenOf, type RunningApp } from '../helpers/app.js';
import { waitFor } from '../helpers/wait.js';
import { BASIC, START_TIMEOUT, get, islandPath, setCookie } from './support.js';

// Long enough that the first island request lands inside it even on a loaded machine.
const MAX_AGE = 5;

/** Whether a token's signed frame holds an issue time (flag bit 1 of its second byte; see token.ts). */
function hasIssueTime(token: string): boolean {
	return (Buffer.from(token.split('.')[0], 'base64url')[1] & 0b10) !== 0;
}

describe('island token expiry (built)', () => {
	let root = '';
	let app: RunningApp;

	beforeAll(async () => {
		// Under tests/apps/ so the copy's node_modules links resolve.
		root = fs.mkdtempSync(path.join(REPO, 'tests/apps/.copy-expiry-'));
		fs.cpSync(BASIC, root, { recursive: true, verbatimSymlinks: true, filter: (src) => !/[\\/](build|\.vite[^\\/]*)$/.test(src) });
		const config = path.join(root, 'vite.config.ts');
		const source = fs.readFileSync(config, 'utf8');
		const withMaxAge = source.replace('islands: { stream: false }', `islands: { stream: false, maxAge: ${MAX_AGE} }`);
		// A config the replacement no longer matches would silently test an app without maxAge.
		if (withMaxAge === source) throw new Error(`tests/apps/basic/vite.config.ts has no 'islands: { stream: false }' to add maxAge to:\n${source}`);
		fs.writeFileSync(config, withMaxAge);
		await buildApp(root);
		app = await startBuilt(root);
	}, START_TIMEOUT);

	afterAll(async () => {
		await app?.stop();
		if (root) fs.rmSync(root, { recursive: true, force: true });
	});

	it('answers 410 expired once an on-demand page’s token is older than maxAge; prerendered islands never expire', async () => {
		const live = tokenOf((await get(app, '/islands')).body, 'Greeting');
		const prerendered = tokenOf((await get(app, '/prerendered')).body, 'Greeting');
		expect(hasIssueTime(live)).toBe(true);
		expect(hasIssueTime(prerendered)).toBe(false);
		expect((await get(app, islandPath('Greeting', live))).status).toBe(200);

		await new Promise((resolve) => setTimeout(resolve, (MAX_AGE + 1.5) * 1000));
		const stale = await get(app, islandPath('Greeting', live));
		expect(stale.status).toBe(410);
		expect(stale.headers.get('x-mochi-island-error')).toBe('expired');
		expect(stale.headers.get('cache-control')).toBe('no-store');
		expect(stale.body).not.toContain('[greeting]');
		expect(setCookie(stale.headers, 'greeted')).toBeUndefined();
		// The server's log reaches this process through a pipe, after the answer may have: wait for it.
		await waitFor(() => app.output().includes('[mochi] island "Greeting": 410 expired'), { what: 'the expired log line', timeout: 15_000 });

		const still = await get(app, islandPath('Greeting', prerendered));
		expect(still.status).toBe(200);
		expect(still.body).toContain('[greeting]');
		// A reload gives a fresh token that works again.
		const fresh = tokenOf((await get(app, '/islands')).body, 'Greeting');
		expect(fresh).not.toBe(live);
		expect((await get(app, islandPath('Greeting', fresh))).status).toBe(200);
	});
});
