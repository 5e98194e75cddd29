// Golden: Svelte's warnings in files with islands name the line the user wrote, and their code frames show
// the user's own text, in `mochi build`, `mochi check` and `mochi dev` (all three on one copy of a real app), and
// in the app's own `vitest run` (a copy of the component-tests app, which has vitest).
// The fixtures in ./fixtures are pages with islands (multi-line tags, a fallback, only a module script), so the
// preprocessor adds an import line and folds tags: a position off by its edits would show here.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, buildApp } from '../helpers/app.js';
import { spawnDev } from '../helpers/dev-process.js';

const exec = promisify(execFile);
const CLI = path.join(REPO, 'packages/mochi/bin/mochi.js');
const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const PAGES = ['warnings.svelte', 'no-script-module.svelte'];
const GOLDEN = fs.readFileSync(path.join(FIXTURES, 'expected-warnings.txt'), 'utf8').trim().split('\n');
const byPlace = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** What each golden line is about, found in the fixture's text: the golden file can't drift from the fixtures. */
const MARKERS: Record<string, string> = {
	'src/routes/warnings.svelte:state_referenced_locally': 'data);',
	'src/routes/warnings.svelte:a11y_missing_attribute': '<img',
	'src/routes/no-script-module.svelte:a11y_missing_attribute': '<img'
};

let root = '';

beforeAll(() => {
	root = fs.mkdtempSync(path.join(REPO, 'tests/apps/.copy-lines-'));
	fs.cpSync(path.join(REPO, 'tests/apps/typecheck-ok'), root, { recursive: true, verbatimSymlinks: true, filter: (src) => !src.includes(`${path.sep}build`) });
	for (const page of PAGES) fs.copyFileSync(path.join(FIXTURES, page), path.join(root, 'src/routes', page));
});

afterAll(() => {
	if (root) fs.rmSync(root, { recursive: true, force: true });
});

/** `file:line:col code` for each Svelte warning printed as vite-plugin-svelte does (build, dev): 0-based columns. */
function viteWarnings(output: string): string[] {
	const found = [...output.matchAll(/(src\/routes\/[\w-]+\.svelte):(\d+):(\d+) .*\nhttps:\/\/svelte\.dev\/e\/(\w+)/g)];
	return [...new Set(found.map(([, file, line, column, code]) => `${file}:${line}:${column} ${code}`))].sort(byPlace);
}

/** The same from `mochi check` (svelte-check's 1-based columns, made 0-based to compare). */
function checkWarnings(output: string): string[] {
	const found = [...output.matchAll(/\/(src\/routes\/[\w-]+\.svelte):(\d+):(\d+)\nWarn: .*\nhttps:\/\/svelte\.dev\/e\/(\w+)/g)];
	return found.map(([, file, line, column, code]) => `${file}:${line}:${Number(column) - 1} ${code}`).sort(byPlace);
}

/** The frame printed under each warning: its caret line's source line must be the user's own text. */
function expectOwnFrames(output: string): void {
	const frames = [...output.matchAll(/(src\/routes\/[\w-]+\.svelte):(\d+):\d+ .*\nhttps:\/\/svelte\.dev\/e\/\w+\n((?: *\d+: .*\n(?: +\^\n)?)+)/g)];
	expect(frames.length).toBeGreaterThan(0);
	for (const [, file, line, frame] of frames) {
		const own = fs.readFileSync(path.join(root, file), 'utf8').split('\n')[Number(line) - 1].replace(/^\t+/, (t) => '  '.repeat(t.length));
		expect(frame).toContain(`${line}: ${own}\n`);
		expect(frame).not.toMatch(/__mochi|mochi-island/);
	}
}

describe('Svelte warnings in island files report the original line', () => {
	it('the golden file agrees with the fixtures', () => {
		expect([...GOLDEN].sort(byPlace)).toEqual(GOLDEN);
		for (const entry of GOLDEN) {
			const [, file, line, column, code] = /^(\S+):(\d+):(\d+) (\w+)$/.exec(entry)!;
			const source = fs.readFileSync(path.join(FIXTURES, path.basename(file)), 'utf8').split('\n');
			const marker = MARKERS[`${file}:${code}`];
			expect(source[Number(line) - 1].indexOf(marker), entry).toBe(Number(column));
		}
	});

	it('mochi build', async () => {
		const output = await buildApp(root, { NODE_ENV: 'production' });
		expect(viteWarnings(output)).toEqual(GOLDEN);
		expectOwnFrames(output);
	}, 180_000);

	it('mochi check', async () => {
		let output: string;
		try {
			const { stdout, stderr } = await exec(process.execPath, [CLI, 'check'], { cwd: root, timeout: 150_000 });
			output = stdout + stderr;
		} catch (error) {
			const { stdout, stderr } = error as { stdout: string; stderr: string };
			output = stdout + stderr;
		}
		expect(checkWarnings(output)).toEqual(GOLDEN);
		expect(output).toContain('0 errors and 4 warnings');
	}, 180_000);

	it('mochi dev (the warnings logged when the pages are first rendered)', async () => {
		const dev = await spawnDev(root);
		try {
			for (const page of ['/warnings', '/no-script-module']) {
				const response = await fetch(dev.url + page, { signal: AbortSignal.timeout(60_000) });
				expect(response.status, page).toBe(200);
			}
			// The warnings are logged as each page compiles, before its response: poll only for the last to land.
			const deadline = Date.now() + 30_000;
			while (viteWarnings(dev.output()).length < GOLDEN.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
			expect(viteWarnings(dev.output())).toEqual(GOLDEN);
			expect(dev.output()).not.toMatch(/__mochi/);
		} finally {
			await dev.stop();
		}
	}, 180_000);
});

describe('the same warnings in the app\'s own vitest run (component tests compile pages through mochi())', () => {
	let app = '';

	beforeAll(() => {
		app = fs.mkdtempSync(path.join(REPO, 'tests/apps/.copy-lines-vitest-'));
		fs.cpSync(path.join(REPO, 'tests/apps/component-tests'), app, { recursive: true, verbatimSymlinks: true, filter: (src) => !src.includes(`${path.sep}build`) });
		for (const page of PAGES) fs.copyFileSync(path.join(FIXTURES, page), path.join(app, 'src/routes', page));
		const test = [
			"import { expect, test } from 'vitest';",
			"import { renderServer } from 'mochi-framework/testing';",
			"import Warnings from './warnings.svelte';",
			"import NoScript from './no-script-module.svelte';",
			'',
			"test('renders both pages', async () => {",
			"\texpect((await renderServer(Warnings)).body).toContain('<h1>Warnings');",
			"\texpect((await renderServer(NoScript)).body).toContain('module-only.png');",
			'}, 60_000);',
			''
		];
		fs.writeFileSync(path.join(app, 'src/routes/warnings.test.ts'), test.join('\n'));
	});

	afterAll(() => {
		if (app) fs.rmSync(app, { recursive: true, force: true });
	});

	it('vitest run', async () => {
		// This process's VITEST_* variables and NODE_ENV would make the child think it is a worker of ours.
		const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_ENV'));
		const vitest = path.join(app, 'node_modules/vitest/vitest.mjs');
		const { stdout, stderr } = await exec(process.execPath, [vitest, 'run', 'src/routes/warnings.test.ts'], { cwd: app, env: { ...env, NO_COLOR: '1' }, timeout: 150_000 });
		const output = stdout + stderr;
		expect(output).toMatch(/1 passed/);
		expect(viteWarnings(output)).toEqual(GOLDEN);
	}, 180_000);
});
