// `mochi build` and `node build` with .env files: the build (whose prerendering runs server code) reads
// .env and .env.production like Vite; `node build` reads only the real environment; and nothing but the
// VITE_ value is baked into build/ (client chunks, prerendered pages, the server bundle).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildApp, startBuilt, type RunningApp } from '../helpers/app.js';
import { PUBLIC, SECRET, readTree, writeEnvApp } from './app.js';

const get = async (app: RunningApp, pathname: string) => {
	const response = await fetch(`${app.url}${pathname}`, { signal: AbortSignal.timeout(20_000) });
	return { status: response.status, text: await response.text() };
};

let root: string;
let app: RunningApp | undefined;

beforeAll(async () => {
	root = writeEnvApp();
	await buildApp(root, { NODE_ENV: 'production' });
	app = await startBuilt(root, { MOCHI_KEY: randomBytes(32).toString('base64url'), ENV_TEST_BOTH: 'from-real-env' });
}, 180_000);

afterAll(async () => {
	await app?.stop();
	if (root) fs.rmSync(root, { recursive: true, force: true });
}, 30_000);

describe('.env in mochi build and node build', () => {
	it('prerenders with .env and .env.production in process.env', async () => {
		const page = await get(app!, '/built');
		expect(page.status).toBe(200);
		expect(page.text).toContain('mode value at build: production-file; secret set');
	});

	it('serves on-demand code with the real environment only: no .env file is read by node build', async () => {
		const env = await get(app!, '/api/env');
		expect(JSON.parse(env.text)).toEqual({ secretLength: 0, both: 'from-real-env', mode: null, local: null, nodeEnv: 'production' });
		expect((await get(app!, '/')).text).toContain('secret: unset (0 chars); import.meta.env: undefined');
	});

	it('bakes the VITE_ value into the client island, and the secret into no file of build/', async () => {
		const files = readTree(path.join(root, 'build'));
		expect(files.length).toBeGreaterThan(5);
		const leaks = files.filter(([, text]) => text.includes(SECRET)).map(([file]) => file);
		expect(leaks).toEqual([]);
		const page = await get(app!, '/');
		const chunk = page.text.match(/<mochi-island[^>]*component="([^"]+)"/)?.[1];
		expect(chunk, page.text).toBeTruthy();
		const island = await get(app!, chunk!);
		expect(island.status).toBe(200);
		expect(island.text).toContain(PUBLIC);
		expect(island.text).not.toContain(SECRET);
	});
});
