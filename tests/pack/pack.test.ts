// The framework as users get it: `pnpm pack`, installed with npm into an app outside the workspace
// (no workspace link), built with `mochi build`, served with `node build`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO, startBuilt, tokenOf, type RunningApp } from '../helpers/app.js';

const run = promisify(execFile);
const framework = path.join(REPO, 'packages/mochi');

describe('mochi-framework from a packed tarball', () => {
	let dir: string;
	let tarball: string;
	let app: RunningApp | undefined;

	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mochi-pack-'));
		await run('npx', ['-y', 'pnpm@10', 'pack', '--pack-destination', dir], { cwd: framework, timeout: 120_000 });
		tarball = path.join(dir, fs.readdirSync(dir).find((file) => file.endsWith('.tgz'))!);
		const root = path.join(dir, 'app');
		fs.cpSync(path.join(import.meta.dirname, 'app'), root, { recursive: true });
		const { version: svelte } = JSON.parse(fs.readFileSync(path.join(framework, 'node_modules/svelte/package.json'), 'utf8'));
		const { version: vite } = JSON.parse(fs.readFileSync(path.join(framework, 'node_modules/vite/package.json'), 'utf8'));
		fs.writeFileSync(
			path.join(root, 'package.json'),
			JSON.stringify({ name: 'packed-app', private: true, type: 'module', dependencies: { 'mochi-framework': `file:${tarball}`, svelte, vite } })
		);
		await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, timeout: 240_000 });
		await run('npx', ['mochi', 'build'], { cwd: root, timeout: 120_000 });
		app = await startBuilt(root);
	}, 400_000);

	afterAll(async () => {
		await app?.stop();
		if (dir) fs.rmSync(dir, { recursive: true, force: true });
	});

	it('is installed as a real copy, not a link into the workspace', () => {
		const installed = path.join(dir, 'app/node_modules/mochi-framework');
		expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
		expect(fs.realpathSync(installed).startsWith(framework)).toBe(false);
	});

	it('gives every export a types file that the tarball contains', () => {
		const installed = path.join(dir, 'app/node_modules/mochi-framework');
		const pkg = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
		for (const [entry, target] of Object.entries<Record<string, string> | string>(pkg.exports)) {
			if (entry === './package.json') continue;
			expect(typeof target, entry).toBe('object');
			const types = (target as Record<string, string>).types;
			expect(types, `${entry} has types`).toBeTruthy();
			expect(fs.existsSync(path.join(installed, types)), `${entry}: ${types} exists`).toBe(true);
			expect(fs.existsSync(path.join(installed, (target as Record<string, string>).default)), `${entry} code`).toBe(true);
		}
		// Only what users need: no tests, no TypeScript sources.
		const files = fs.readdirSync(installed, { recursive: true }) as string[];
		expect(files.filter((file) => /\.test\.|fixtures/.test(file))).toEqual([]);
	});

	it('keeps server code out of the browser bundle', () => {
		const client = path.join(dir, 'app/build/client');
		const scripts = (fs.readdirSync(client, { recursive: true }) as string[]).filter((file) => file.endsWith('.js'));
		expect(scripts.length).toBeGreaterThan(0);
		for (const file of scripts) {
			const code = fs.readFileSync(path.join(client, file), 'utf8');
			for (const forbidden of ['node:', 'createHmac', 'MOCHI_KEY', 'AsyncLocalStorage']) {
				expect(code.includes(forbidden), `${file} contains ${forbidden}`).toBe(false);
			}
		}
	});

	it('serves the page and its island over HTTP', async () => {
		const html = await (await fetch(`${app!.url}/`)).text();
		expect(html).toContain('<h1>Packed</h1>');
		expect(html).toContain('waiting…');
		const response = await fetch(`${app!.url}/_mochi/island/Hello?p=${tokenOf(html, 'Hello')}`, {
			headers: { cookie: 'name=Packer' }
		});
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('Hello, Packer!');
	});
});
