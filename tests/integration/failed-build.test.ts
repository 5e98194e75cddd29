// A failed `mochi build` never leaves half a build where `node build` looks: after a good build, the good
// one keeps serving; with none before it, `node build` refuses with what to run; a build cut short (a
// missing file) is refused with the same kind of message, never a module-not-found stack.
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { buildApp, buildFailure, spawnNode, startBuilt } from '../helpers/app.js';
import { makeTempApp, removeTempApps, writeFiles } from '../helpers/temp-app.js';

afterAll(() => removeTempApps());

const GOOD = { 'src/routes/index.svelte': '<h1>good build</h1>\n', 'src/routes/about.svelte': '<h1>about, on demand</h1>\n' };
// Refused by the build: prerendering loads every page outside a request.
const BROKEN =
	"<script module lang=\"ts\">\n\timport { getRequestContext } from 'mochi-framework';\n\tconst url = getRequestContext().url;\n</script>\n<h1>broken {url}</h1>\n";

const buildFails = (root: string) => buildFailure(root, { NODE_ENV: 'production' });

/** `node build` that is expected to exit: its code and output, within a bounded wait. */
async function nodeBuildExits(root: string): Promise<{ code: number | null; output: string }> {
	const { child, output } = spawnNode(root);
	const code = await new Promise<number | null>((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`node build did not exit:\n${output()}`));
		}, 30_000);
		child.once('exit', (exitCode) => {
			clearTimeout(timer);
			resolve(exitCode);
		});
	});
	return { code, output: output() };
}

describe('a failed mochi build', () => {
	it('after a good build: build/ is the good one, untouched, and node build serves it', async () => {
		const root = makeTempApp('failed-build', GOOD);
		await buildApp(root, { NODE_ENV: 'production' });
		const before = fs.readFileSync(path.join(root, 'build/server/manifest.json'), 'utf8');

		writeFiles(root, { 'src/routes/index.svelte': BROKEN });
		const output = await buildFails(root);
		expect(output).toContain('getRequestContext() was called');
		expect(output).toContain('while src/routes/index.svelte (or a module it imports) was being evaluated');
		expect(output).toContain('the previous build in build/ was kept');

		expect(fs.readFileSync(path.join(root, 'build/server/manifest.json'), 'utf8')).toBe(before);
		// Nothing of the failed build is left beside it either.
		expect(fs.existsSync(path.join(root, '.mochi'))).toBe(false);
		const app = await startBuilt(root);
		try {
			const home = await fetch(`${app.url}/`);
			expect(home.status).toBe(200);
			expect(await home.text()).toContain('<h1>good build</h1>');
			expect(await (await fetch(`${app.url}/about`)).text()).toContain('about, on demand');
			expect((await fetch(`${app.url}/nope`)).status).toBe(404);
		} finally {
			await app.stop();
		}

		// Fixed: the next build replaces the old one.
		writeFiles(root, { 'src/routes/index.svelte': '<h1>fixed build</h1>\n' });
		await buildApp(root, { NODE_ENV: 'production' });
		const fixed = await startBuilt(root);
		try {
			expect(await (await fetch(`${fixed.url}/`)).text()).toContain('<h1>fixed build</h1>');
		} finally {
			await fixed.stop();
		}
	}, 300_000);

	it('with no build before it: node build refuses with what to run, not a module-not-found stack', async () => {
		const root = makeTempApp('failed-first-build', { 'src/routes/index.svelte': BROKEN });
		await buildFails(root);
		expect(fs.existsSync(path.join(root, 'build/server'))).toBe(false);
		const { code, output } = await nodeBuildExits(root);
		expect(code).toBe(1);
		expect(output).toContain('the last `mochi build` failed');
		expect(output).toContain('run `mochi build` again');
		expect(output).not.toContain('Cannot find module');
		expect(output).not.toMatch(/^\s+at /m);
	}, 300_000);

	it('a build missing its server bundle (cut short, or copied in part) is refused clearly by node build', async () => {
		const root = makeTempApp('partial-build', GOOD);
		await buildApp(root, { NODE_ENV: 'production' });
		for (const missing of ['server/app.js', 'server/manifest.json']) {
			const file = path.join(root, 'build', missing);
			const saved = fs.readFileSync(file);
			fs.rmSync(file);
			try {
				const { code, output } = await nodeBuildExits(root);
				expect(code, missing).toBe(1);
				expect(output).toContain(`is not a complete Mochi build (no ${missing}). Run \`mochi build\` first.`);
				expect(output).not.toContain('Cannot find module');
				expect(output).not.toMatch(/^\s+at /m);
			} finally {
				fs.writeFileSync(file, saved);
			}
		}
		const app = await startBuilt(root);
		try {
			expect((await fetch(`${app.url}/`)).status).toBe(200);
		} finally {
			await app.stop();
		}
	}, 300_000);
});
