// The component-tests fixture is what `create-mochi` scaffolds: its own `vitest run`, through its own
// vite.config.ts (`plugins: [mochi()]`, nothing else), must pass both server tests (node environment)
// and a client test (jsdom).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, buildApp } from '../helpers/app.js';
import { FIXTURE_TESTS, vitestRun } from './run-vitest.js';

const APP = path.join(REPO, 'tests/apps/component-tests');

describe('component tests in a Mochi app', () => {
	it("pass with the app's own vite.config.ts: server renders, islands, and a client component in jsdom", async () => {
		const { tests, total, passed, success } = await vitestRun(APP);
		expect(tests).toEqual(FIXTURE_TESTS);
		expect({ total, passed, success }).toEqual({ total: 7, passed: 7, success: true });
	}, 150_000);

	it('leave the build alone: tests beside pages and components are neither routes nor shipped', async () => {
		await buildApp(APP);
		const server = readFileSync(path.join(APP, 'build/server/app.js'), 'utf8');
		expect(server).toContain('Avatar');
		expect(server).not.toContain('renderServer');
		expect(server).not.toContain('index.test');
	}, 150_000);
});
