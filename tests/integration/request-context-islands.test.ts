// getRequestContext() in a client island's component tree renders on the server, then throws in the
// browser as the island hydrates. `mochi build` and `mochi check` report it (file, line, island, chain of
// imports) from the client build's graph; in dev the call names the island, and the terminal warns.
import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO, buildApp, buildFailure, startBuilt, startDev } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';
import { makeTempApp, removeTempApps } from '../helpers/temp-app.js';

const exec = promisify(execFile);
afterAll(() => removeTempApps());

// Reads the visitor's cookie in its <script>: fine on the server, not in the browser.
const COUNTER = [
	'<script lang="ts">',
	"\timport { getRequestContext } from 'mochi-framework';",
	'\tlet n = $state(0);',
	"\tconst user = getRequestContext().cookies.get('user') ?? 'nobody';",
	'</script>',
	'<button onclick={() => n++}>{user} {n}</button>',
	''
].join('\n');
// A module with one export that reads the context and one that doesn't.
const USER = [
	"import { getRequestContext } from 'mochi-framework';",
	'',
	'export function currentUser(): string {',
	"\treturn getRequestContext().cookies.get('user') ?? 'nobody';",
	'}',
	'',
	'export const shout = (text: string) => text.toUpperCase();',
	''
].join('\n');
const BADGE = "<script lang=\"ts\">\n\timport { currentUser } from '$lib/user';\n\tlet n = $state(0);\n</script>\n<button onclick={() => n++}>{currentUser()} {n}</button>\n";
// An island whose child component (not an island itself) reads it.
const CARD = "<script lang=\"ts\">\n\timport Greeting from '$lib/Greeting.svelte';\n</script>\n<div class=\"card\"><Greeting /></div>\n";
// Uses only the export that doesn't read the context: shaken off, nothing for the browser to call.
const SHOUT = "<script lang=\"ts\">\n\timport { shout } from '$lib/user';\n\tlet n = $state(0);\n</script>\n<button onclick={() => n++}>{shout('hi')} {n}</button>\n";
const page = (imports: string[], body: string) =>
	`<script lang="ts">\n${imports.map((name) => `\timport ${name} from '$lib/${name}.svelte';`).join('\n')}\n</script>\n${body}\n`;

const DIRECT = "src/lib/Counter.svelte:4:15: getRequestContext() in a client island (mochi:hydrate): the browser runs src/lib/Counter.svelte as it hydrates";
const THROUGH_MODULE = 'src/lib/user.ts:4:9: getRequestContext() would run in the browser: src/lib/Badge.svelte (client island) → src/lib/user.ts.';
const THROUGH_COMPONENT = 'src/lib/Greeting.svelte:4:15: getRequestContext() would run in the browser: src/lib/Card.svelte (client island) → src/lib/Greeting.svelte.';

const buildFails = (root: string) => buildFailure(root, { NODE_ENV: 'production' });

async function check(root: string): Promise<{ code: number; output: string }> {
	const cli = path.join(REPO, 'packages/mochi/bin/mochi.js');
	try {
		const { stdout, stderr } = await exec(process.execPath, [cli, 'check'], { cwd: root, timeout: 150_000 });
		return { code: 0, output: stdout + stderr };
	} catch (error) {
		const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
		return { code, output: stdout + stderr };
	}
}

describe('getRequestContext() in a client island, at build', () => {
	it('fails naming the file and line, the island, and the chain: in the island, through a module, through a child component', async () => {
		const root = makeTempApp('context-island-build', {
			'src/lib/Counter.svelte': COUNTER,
			'src/lib/user.ts': USER,
			'src/lib/Badge.svelte': BADGE,
			'src/lib/Card.svelte': CARD,
			'src/lib/Greeting.svelte': COUNTER,
			'src/routes/index.svelte': page(['Counter', 'Badge'], '<Counter mochi:hydrate />\n<Badge mochi:hydrate />'),
			'src/routes/cards.svelte': page(['Card'], '<Card mochi:hydrate />')
		});
		const output = await buildFails(root);
		expect(output).toContain(DIRECT);
		expect(output).toContain(THROUGH_MODULE);
		expect(output).toContain(THROUGH_COMPONENT);
		expect(output).toContain('mochi:client-request-context');
	}, 300_000);

	it('builds and serves when the same code runs only on the server, or its call is never shipped', async () => {
		const root = makeTempApp('context-island-fine', {
			'src/lib/Counter.svelte': COUNTER,
			'src/lib/user.ts': USER,
			'src/lib/Badge.svelte': BADGE,
			'src/lib/Shout.svelte': SHOUT,
			'src/lib/Typed.svelte':
				"<script lang=\"ts\">\n\timport type { RequestContext } from 'mochi-framework';\n\tlet { kind = 'page' }: { kind?: RequestContext['kind'] } = $props();\n\tlet n = $state(0);\n</script>\n<button onclick={() => n++}>{kind} {n}</button>\n",
			// Read on the server inside hydratable(): the browser gets the value and never calls the function.
			'src/lib/Carried.svelte':
				"<script lang=\"ts\">\n\timport { hydratable } from 'svelte';\n\timport { getRequestContext } from 'mochi-framework';\n\tconst who = hydratable('who', () => getRequestContext().cookies.get('user') ?? 'nobody');\n\tlet n = $state(0);\n</script>\n<button onclick={() => n++}>carried {who} {n}</button>\n",
			// The same through a module (the demo's mini cart): only its use inside hydratable() reaches the call.
			'src/lib/CarriedUser.svelte':
				"<script lang=\"ts\">\n\timport { hydratable } from 'svelte';\n\timport { currentUser, shout } from '$lib/user';\n\tconst who = hydratable('user', () => currentUser());\n\tlet n = $state(0);\n</script>\n<button onclick={() => n++}>{shout(who)} {n}</button>\n",
			// Server-rendered: in the page, and as a server island.
			'src/routes/index.svelte': page(
				['Counter', 'Badge', 'Shout', 'Typed', 'Carried', 'CarriedUser'],
				'<Counter />\n<Badge mochi:defer>…</Badge>\n<Shout mochi:hydrate />\n<Typed mochi:hydrate />\n<Carried mochi:hydrate />\n<CarriedUser mochi:hydrate />'
			)
		});
		await buildApp(root, { NODE_ENV: 'production' });
		const app = await startBuilt(root);
		try {
			const response = await fetch(`${app.url}/`, { headers: { cookie: 'user=Ada' } });
			expect(response.status).toBe(200);
			const html = await response.text();
			expect(html).toContain('Ada 0');
			expect(html).toContain('HI 0');
			expect(html).toContain('carried Ada 0');
			expect(html).toContain('ADA 0');
		} finally {
			await app.stop();
		}
	}, 300_000);
});

describe('getRequestContext() in a client island, in mochi check', () => {
	it('reports each call at its line with the island and the chain, and passes the same code used on the server', async () => {
		const bad = makeTempApp(
			'context-island-check',
			{
				'src/lib/Counter.svelte': COUNTER,
				'src/lib/user.ts': USER,
				'src/lib/Badge.svelte': BADGE,
				// A server-only module reached by an island: reported beside, not instead of, the calls.
				'src/lib/server/secret.ts': "export const secret = 'hunter2';\n",
				'src/lib/Leak.svelte': "<script lang=\"ts\">\n\timport { secret } from '$lib/server/secret';\n\tlet n = $state(0);\n</script>\n<button onclick={() => n++}>{secret.length + n}</button>\n",
				'src/routes/index.svelte': page(['Counter', 'Badge', 'Leak'], '<Counter mochi:hydrate />\n<Badge mochi:hydrate />\n<Leak mochi:hydrate />')
			},
			'typecheck-ok'
		);
		const { code, output } = await check(bad);
		expect(code).toBe(1);
		const [direct, module] = [DIRECT, THROUGH_MODULE].map((line) => {
			const [where, ...rest] = line.split(': ');
			return `${path.join(bad, where.split(':')[0])}:${where.split(':').slice(1).join(':')}\nError: ${rest.join(': ')}`;
		});
		expect(output).toContain(direct);
		expect(output).toContain(module);
		expect(output).toContain(
			`${path.join(bad, 'src/lib/Leak.svelte')}:1:1\nError: src/lib/server/secret.ts is server-only, but the browser would load it: src/lib/Leak.svelte (client island) → src/lib/server/secret.ts (mochi)`
		);
		expect(output).toContain('mochi check found 3 errors and 0 warnings in 3 files');
		expect(output).not.toContain('hunter2');

		const good = makeTempApp(
			'context-island-check-ok',
			{ 'src/lib/Counter.svelte': COUNTER, 'src/routes/index.svelte': page(['Counter'], '<Counter />\n<Counter mochi:defer>…</Counter>') },
			'typecheck-ok'
		);
		const passed = await check(good);
		expect(passed.output).toContain('mochi check found 0 errors and 0 warnings');
		expect(passed.code).toBe(0);
	}, 300_000);
});

describe('getRequestContext() in a client island, in mochi dev', () => {
	it('renders on the server, then the browser error names the island, and the terminal warns with the chain', async () => {
		const root = makeTempApp('context-island-dev', {
			'src/lib/Counter.svelte': COUNTER,
			'src/routes/index.svelte': page(['Counter'], '<h1>Home</h1>\n<Counter mochi:hydrate />')
		});
		const app = await startDev(root);
		const browser = await launchBrowser();
		try {
			const tab = await browser.newPage();
			const errors: string[] = [];
			tab.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
			tab.on('pageerror', (error) => errors.push(error.message));
			await tab.context().addCookies([{ name: 'user', value: 'Ada', url: app.url }]);
			await tab.goto(`${app.url}/`);
			expect(await tab.locator('h1').textContent()).toBe('Home');
			expect(await tab.locator('button').textContent()).toBe('Ada 0');
			await expect.poll(() => errors.join('\n'), { timeout: 30_000 }).toContain(
				'getRequestContext() was called in the browser, by the client island Counter (mochi:hydrate) as it hydrated.'
			);
			await expect.poll(() => app.output(), { timeout: 10_000 }).toContain(DIRECT);
			// The server stays up.
			expect((await fetch(`${app.url}/`)).status).toBe(200);
		} finally {
			await browser.close();
			await app.stop();
		}
	}, 120_000);
});
