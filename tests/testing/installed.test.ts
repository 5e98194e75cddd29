// The fixture's tests again, with mochi-framework installed from a packed tarball by npm (no
// workspace link): there the package sits in node_modules, where vitest would load it through Node
// unless told otherwise, and a second copy of Svelte would refuse async rendering.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/app.js';
import { FIXTURE_TESTS, vitestRun } from './run-vitest.js';

const run = promisify(execFile);
const FIXTURE = path.join(REPO, 'tests/apps/component-tests');

/** The version the workspace resolved, so npm installs what the fixture was tested with. */
function version(name: string): string {
	return JSON.parse(fs.readFileSync(path.join(FIXTURE, 'node_modules', name, 'package.json'), 'utf8')).version;
}

describe('component tests with mochi-framework installed from its tarball', () => {
	let dir: string;
	let app: string;

	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mochi-installed-'));
		await run('npx', ['-y', 'pnpm@10', 'pack', '--pack-destination', dir], { cwd: path.join(REPO, 'packages/mochi'), timeout: 120_000 });
		const tarball = path.join(dir, fs.readdirSync(dir).find((file) => file.endsWith('.tgz'))!);
		app = path.join(dir, 'app');
		fs.cpSync(path.join(FIXTURE, 'src'), path.join(app, 'src'), { recursive: true });
		fs.copyFileSync(path.join(FIXTURE, 'vite.config.ts'), path.join(app, 'vite.config.ts'));
		const pkg = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'package.json'), 'utf8'));
		for (const deps of [pkg.dependencies, pkg.devDependencies]) {
			for (const name of Object.keys(deps)) deps[name] = name === 'mochi-framework' ? `file:${tarball}` : version(name);
		}
		fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify(pkg, null, '\t'));
		await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app, timeout: 240_000 });
	}, 400_000);

	afterAll(() => {
		if (dir) fs.rmSync(dir, { recursive: true, force: true });
	});

	it('pass as in the workspace', async () => {
		const { tests, success } = await vitestRun(app);
		expect(tests).toEqual(FIXTURE_TESTS);
		expect(success).toBe(true);
	}, 150_000);
});
