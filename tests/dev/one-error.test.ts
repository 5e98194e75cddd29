// One bad save in `mochi dev` (the CLI, in its own process, as a user runs it): the terminal shows the
// error once, however many requests meet it, with the file, line and a frame of the user's own lines and
// no stack frames of the framework or Vite; the next save that breaks it again shows it once more. Vite's
// overlay gets the same place and frame. An endpoint's error names its own line, without Vite's
// "already rewritten" note.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, type RunningApp } from '../helpers/app.js';
import { spawnDev } from '../helpers/dev-process.js';

let root = '';
let dev: RunningApp;

beforeAll(async () => {
	root = fs.mkdtempSync(path.join(REPO, 'tests/apps/.copy-errors-'));
	fs.cpSync(path.join(REPO, 'tests/apps/client-islands'), root, { recursive: true, verbatimSymlinks: true, filter: (src) => !src.includes(`${path.sep}build`) });
	dev = await spawnDev(root);
}, 90_000);

afterAll(async () => {
	await dev?.stop();
	if (root) fs.rmSync(root, { recursive: true, force: true });
});

const PAGE = 'src/routes/other.svelte';
const GOOD = '<OtherWidget mochi:hydrate />';

function write(file: string, text: string) {
	fs.writeFileSync(path.join(root, file), text);
}

function save(from: string, to: string) {
	const source = fs.readFileSync(path.join(root, PAGE), 'utf8');
	expect(source).toContain(from);
	write(PAGE, source.replace(from, to));
}

async function get(pathname: string): Promise<{ status: number; body: string }> {
	const response = await fetch(dev.url + pathname, { signal: AbortSignal.timeout(60_000) });
	return { status: response.status, body: await response.text() };
}

/** Requests `pathname` until it answers `status` (the watcher has seen the save), bounded in count and time. */
async function until(pathname: string, status: number): Promise<{ status: number; body: string }> {
	const deadline = Date.now() + 45_000;
	for (let i = 0; i < 300 && Date.now() < deadline; i++) {
		const answer = await get(pathname);
		if (answer.status === status) return answer;
		await new Promise((resolve) => setTimeout(resolve, 150));
	}
	throw new Error(`${pathname} never answered ${status}:\n${dev.output()}`);
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

/** What a browser does after the save: the page, its favicon, a reload; then a moment for any late log line. */
async function meetTheErrorAgain() {
	// The favicon meets it too when the app itself can't load (a directive error fails the island scan).
	await get('/favicon.ico');
	expect((await get('/other')).status).toBe(500);
	expect((await get('/other?again')).status).toBe(500);
	await new Promise((resolve) => setTimeout(resolve, 1500));
}

describe('one bad save in mochi dev', () => {
	it('prints a directive typo once, with a code frame and no framework stack frames', async () => {
		expect((await until('/other', 200)).body).toContain('<h1>Other</h1>');
		const before = dev.output().length;

		save(GOOD, '<OtherWidget mochi:hydrat />');
		const { body } = await until('/other', 500);
		await meetTheErrorAgain();

		const printed = dev.output().slice(before);
		expect(count(printed, 'unknown directive mochi:hydrat;'), printed).toBe(1);
		expect(printed).toMatch(/File: .*other\.svelte:6:1\n/);
		expect(printed).toMatch(/ 6 \| <OtherWidget mochi:hydrat \/>\n +\| \^/);
		expect(printed, 'no stack frames at all for a directive error').not.toMatch(/^\s+at /m);
		expect(printed).not.toContain('An error happened during full reload');

		// The overlay in the browser: Vite's error object with the same place and frame.
		const payload = JSON.parse(/new ErrorOverlay\((\{.*\})\)\);<\/script>/.exec(body)![1]);
		expect(payload).toMatchObject({ plugin: 'mochi:islands', id: path.join(root, PAGE), loc: { line: 6, column: 0 } });
		expect(payload.frame).toContain(' 6 | <OtherWidget mochi:hydrat />');
		expect(payload.stack).toBe('');
	});

	it('prints it once more after the next save that breaks the file, and the page comes back after the fix', async () => {
		const before = dev.output().length;
		save('<OtherWidget mochi:hydrat />', '<OtherWidget mochi:hydrte />');
		await until('/other', 500);
		await meetTheErrorAgain();
		const printed = dev.output().slice(before);
		expect(count(printed, 'unknown directive mochi:hydrte;'), printed).toBe(1);
		expect(count(printed, 'unknown directive'), printed).toBe(1);

		save('<OtherWidget mochi:hydrte />', GOOD);
		expect((await until('/other', 200)).body).toContain('<h1>Other</h1>');
	});

	it('prints a Svelte compile error once, at its line, with its frame', async () => {
		const before = dev.output().length;
		save('<h1>Other</h1>', '<h1>Other</h1>\n{#if}');
		try {
			await until('/other', 500);
			await meetTheErrorAgain();
			const printed = dev.output().slice(before);
			expect(count(printed, 'failed:'), printed).toBe(1);
			expect(printed).toMatch(/other\.svelte:6:\d+ Expected whitespace/);
			expect(printed).toMatch(/ 6 \| +\{#if\}/);
			expect(printed).not.toMatch(/^\s+at /m);
		} finally {
			save('<h1>Other</h1>\n{#if}', '<h1>Other</h1>');
		}
		await until('/other', 200);
	});

	it('logs a render error below an island at its own line, with a frame of that line', async () => {
		const before = dev.output().length;
		save(GOOD, `${GOOD}\n<p>{(() => { throw new Error('kaboom below an island'); })()}</p>`);
		try {
			await until('/other', 500);
			await meetTheErrorAgain();
			const printed = dev.output().slice(before);
			expect(count(printed, 'failed: kaboom below an island'), printed).toBe(1);
			// Line 7 of the user's file: through the preprocessor's map once (twice, it was line 6 or beyond the file).
			expect(printed).toMatch(/File: .*other\.svelte:7:\d+\n/);
			expect(printed).toContain(" 7 | <p>{(() => { throw new Error('kaboom below an island'); })()}</p>");
			expect(printed).toMatch(/^\s+at .*other\.svelte:7:\d+\)$/m);
			expect(printed, 'no framework frames').not.toMatch(/packages\/mochi\/|node:internal|node_modules\/vite/);
		} finally {
			save(`${GOOD}\n<p>{(() => { throw new Error('kaboom below an island'); })()}</p>`, GOOD);
		}
		await until('/other', 200);
	});

	it("logs an endpoint's error at the endpoint's own line, without Vite's 'already rewritten' note", async () => {
		const lines = ['export function GET(): Response {', '\treturn new Response(String(compute()));', '}', '', 'function compute(): number {', "\tthrow new Error('endpoint exploded');", '}', ''];
		fs.mkdirSync(path.join(root, 'src/routes/api'), { recursive: true });
		write('src/routes/api/explode.ts', lines.join('\n'));
		const before = dev.output().length;
		await until('/api/explode', 500);
		await new Promise((resolve) => setTimeout(resolve, 500));
		const printed = dev.output().slice(before);
		expect(printed).toContain('GET /api/explode failed: endpoint exploded\n');
		expect(printed).not.toContain('already rewritten');
		expect(printed).toMatch(/at compute \(.*src\/routes\/api\/explode\.ts:6:8\)/);
		expect(printed).toContain(" 6 |   throw new Error('endpoint exploded');");
		expect(printed, 'no framework frames').not.toMatch(/packages\/mochi\/|node:internal|node_modules\/vite/);
		// The server is still up.
		expect((await until('/other', 200)).body).toContain('<h1>Other</h1>');
	});
});
