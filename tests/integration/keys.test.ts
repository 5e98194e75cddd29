// MOCHI_KEY as an operator meets it: `mochi create-key`, a malformed key refusing to start with one
// clear line, and the production warning when no key is set.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, buildApp, startBuilt, tokenOf, type RunningApp } from '../helpers/app.js';
import { BASIC, START_TIMEOUT, get, islandPath } from './support.js';

const run = promisify(execFile);
const createKeyText = () => randomBytes(32).toString('base64url');
const CLI = path.join(REPO, 'packages/mochi/bin/mochi.js');

/** `node build` with `env`, expected to exit on its own: its exit code and everything it printed. */
async function startExpectingExit(env: Record<string, string>) {
	try {
		const { stdout, stderr } = await run(process.execPath, ['build'], {
			cwd: BASIC,
			env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
			timeout: 20_000
		});
		return { code: 0, output: stdout + stderr };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { code: failed.code, output: failed.stdout + failed.stderr };
	}
}

describe('MOCHI_KEY (built)', () => {
	beforeAll(async () => {
		await buildApp(BASIC);
	}, START_TIMEOUT);

	it('`mochi create-key` prints base64url of 32 random bytes, different each time', async () => {
		const [a, b] = await Promise.all([run(process.execPath, [CLI, 'create-key']), run(process.execPath, [CLI, 'create-key'])]);
		for (const { stdout } of [a, b]) {
			expect(stdout.trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
			expect(Buffer.from(stdout.trim(), 'base64url')).toHaveLength(32);
		}
		expect(a.stdout).not.toBe(b.stdout);
	});

	it.each([
		['too short', 'abc', /decodes to 2 bytes/],
		['not base64url', 'x'.repeat(20) + '+/' + 'x'.repeat(21), /characters outside base64url/]
	])('refuses to start with a %s key, in one line that says why and never echoes the key', async (_, key, reason) => {
		const { code, output } = await startExpectingExit({ MOCHI_KEY: key });
		expect(code).toBe(1);
		expect(output).toMatch(/^mochi: MOCHI_KEY is not valid/m);
		expect(output).toMatch(reason);
		expect(output).toContain('mochi create-key');
		expect(output).not.toContain(key);
		expect(output).not.toMatch(/^\s+at /m); // no stack trace
		expect(output).not.toContain('Listening');
	});

	it.each([
		['a duplicate key', (a: string, b: string) => `${a},${b},${a}`, /keys 1 and 3 are the same key/],
		['a bad second key', (a: string) => `${a}, abc`, /key 2 of 2 must be base64url of 32 random bytes, but it decodes to 2 bytes/],
		['an empty second key', (a: string) => `${a},`, /key 2 of 2 is empty/]
	])('refuses to start with %s in the list, saying which, never echoing a key', async (_, value, reason) => {
		const [a, b] = [createKeyText(), createKeyText()];
		const { code, output } = await startExpectingExit({ MOCHI_KEY: value(a, b) });
		expect(code).toBe(1);
		expect(output).toMatch(/^mochi: MOCHI_KEY is not valid/m);
		expect(output).toMatch(reason);
		expect(output).not.toContain(a.slice(0, 12));
		expect(output).not.toContain(b.slice(0, 12));
		expect(output).not.toMatch(/^\s+at /m);
	});

	it('rotates: new,old signs with new and accepts old; dropping old later refuses only old tokens', async () => {
		const [oldKey, newKey] = [createKeyText(), createKeyText()];
		const running: RunningApp[] = [];
		const start = async (key: string) => {
			const app = await startBuilt(BASIC, { MOCHI_KEY: key });
			running.push(app);
			return app;
		};
		const greeting = async (app: RunningApp, page = '/islands') => tokenOf((await get(app, page)).body, 'Greeting');
		const status = async (app: RunningApp, token: string) => (await get(app, islandPath('Greeting', token))).status;
		try {
			const [before, during, after] = await Promise.all([start(oldKey), start(` ${newKey} , ${oldKey} `), start(newKey)]);
			const oldToken = await greeting(before);
			const newToken = await greeting(during);
			expect(newToken).not.toBe(oldToken);
			// Signed with the first key: the same token an instance with the new key alone signs.
			expect(newToken).toBe(await greeting(after));
			expect(await greeting(during, '/prerendered')).toBe(await greeting(after, '/prerendered'));
			// During the rotation both generations of pages work.
			expect(await status(during, oldToken)).toBe(200);
			expect(await status(during, newToken)).toBe(200);
			// Once old is dropped, its tokens are refused like any unknown key's, and new ones still work.
			expect(await status(after, oldToken)).toBe(403);
			expect(await status(after, newToken)).toBe(200);
			expect(after.output()).toMatch(/\[mochi\] island "Greeting": 403 signature \(unknown key id [0-9a-f]{8}\)/);
		} finally {
			await Promise.all(running.map((app) => app.stop()));
		}
	}, 120_000);

	it('warns in production when MOCHI_KEY is unset, and still serves', async () => {
		const app = await startBuilt(BASIC, { MOCHI_KEY: '' }); // empty counts as unset
		try {
			expect(app.output()).toMatch(/MOCHI_KEY is not set: using a random key for this process/);
			expect((await get(app, '/')).status).toBe(200);
		} finally {
			await app.stop();
		}
	});
});
