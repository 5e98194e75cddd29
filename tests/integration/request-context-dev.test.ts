// `mochi dev` is as strict as `mochi build` about request context: getRequestContext() while a module is
// evaluated (a page's <script module>, a .ts module's top level, a module first imported during a render)
// is a 500 naming the file and line, for every visitor, never a value cached from the first visitor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDev, type RunningApp } from '../helpers/app.js';
import { makeTempApp, removeTempApps } from '../helpers/temp-app.js';

const FILES = {
	'src/routes/module.svelte': [
		'<script module lang="ts">',
		"\timport { getRequestContext } from 'mochi-framework';",
		"\tconst who = getRequestContext().cookies.get('user') ?? 'nobody';",
		'</script>',
		'<h1>Hello {who}</h1>',
		''
	].join('\n'),
	'src/lib/user.ts': [
		"import { getRequestContext } from 'mochi-framework';",
		'',
		"export const user = getRequestContext().cookies.get('user') ?? 'nobody';",
		''
	].join('\n'),
	'src/routes/typescript.svelte': "<script lang=\"ts\">\n\timport { user } from '$lib/user.ts';\n</script>\n<h1>Hello {user}</h1>\n",
	'src/lib/late.ts': "import { getRequestContext } from 'mochi-framework';\n\nexport const late = getRequestContext().cookies.get('user');\n",
	// First imported during the render, inside the request: still evaluated outside it.
	'src/routes/late.svelte': "<script lang=\"ts\">\n\tconst { late } = await import('$lib/late.ts');\n</script>\n<h1>Hello {late}</h1>\n",
	// Where the context belongs: the component's own <script>, once per render.
	'src/routes/index.svelte': [
		'<script lang="ts">',
		"\timport { getRequestContext } from 'mochi-framework';",
		"\tconst who = getRequestContext().cookies.get('user') ?? 'nobody';",
		'</script>',
		'<h1>Hello {who}</h1>',
		''
	].join('\n')
};

let app: RunningApp;
beforeAll(async () => {
	app = await startDev(makeTempApp('request-context-dev', FILES));
}, 60_000);
afterAll(async () => {
	await app?.stop();
	removeTempApps();
});

const visit = async (path: string, user: string) => {
	const response = await fetch(`${app.url}${path}`, { headers: { cookie: `user=${user}` } });
	return { status: response.status, body: await response.text() };
};
const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('module-level getRequestContext() in mochi dev', () => {
	it("is a 500 for each visitor of a page whose <script module> reads it, naming the file and line, never another's data", async () => {
		const first = await visit('/module', 'Ada');
		const second = await visit('/module', 'Bob');
		for (const [answer, other] of [[first, 'Bob'], [second, 'Ada']] as const) {
			expect(answer.status).toBe(500);
			expect(answer.body).not.toContain(`Hello ${other}`);
			expect(answer.body).not.toMatch(/<h1>Hello/);
			expect(answer.body).toContain('src/routes/module.svelte:3:14');
		}
		expect(first.body).not.toContain('Hello Ada');
		const message = 'getRequestContext() was called at ';
		await expect.poll(() => occurrences(app.output(), 'GET /module failed'), { timeout: 10_000 }).toBe(1);
		const log = app.output();
		expect(log).toMatch(/getRequestContext\(\) was called at \S*src\/routes\/module\.svelte:3:14: at module top level or in a component's <script module>/);
		// Once per save (core/plugins/dev-errors.ts): the second visitor gets the same 500, the terminal no second block.
		expect(occurrences(log, message)).toBe(1);
	});

	it('is a 500 for a .ts module that reads it at top level, for every later visitor too', async () => {
		const answers = [];
		for (const user of ['Ada', 'Bob', 'Eve']) answers.push(await visit('/typescript', user));
		for (const answer of answers) {
			expect(answer.status).toBe(500);
			expect(answer.body).toContain('src/lib/user.ts:3:21');
			expect(answer.body).not.toMatch(/Hello (Ada|Bob|Eve)/);
		}
	});

	it('is a 500 when two visitors hit the page at once, before it was ever evaluated', async () => {
		const concurrent = await Promise.all([visit('/late', 'Ada'), visit('/late', 'Bob'), visit('/late', 'Eve')]);
		for (const answer of concurrent) {
			expect(answer.status).toBe(500);
			expect(answer.body).toContain('src/lib/late.ts:3:21');
			expect(answer.body).not.toMatch(/Hello (Ada|Bob|Eve)/);
		}
		// And later: the runner keeps the failed evaluation, it never serves a half-evaluated module.
		expect((await visit('/late', 'Mallory')).status).toBe(500);
	});

	it('leaves rendering alone: the server stays up and each visitor of a page that reads it in <script> sees their own', async () => {
		const names = ['Ada', 'Bob', 'Ada', 'Eve'];
		const answers = await Promise.all(names.map((user) => visit('/', user)));
		answers.forEach((answer, i) => {
			expect(answer.status).toBe(200);
			expect(answer.body).toContain(`<h1>Hello ${names[i]}</h1>`);
		});
		expect((await visit('/module', 'Zed')).status).toBe(500);
		expect((await visit('/', 'Zed')).body).toContain('<h1>Hello Zed</h1>');
	});
});
