// Server-only modules (src/lib/server/**, *.server.ts): a client island that imports one, directly or
// through other modules, fails `mochi build` naming the chain; pages and server islands import them
// freely; in `mochi dev` the browser's request for one is a 500 with the same message, and the server stays up.
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { REPO, buildApp, buildFailure, startBuilt, startDev } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';

const SECRET = "export const secret = 'hunter2-server-only';\n";
const copies: string[] = [];

/** A throwaway app: the client-islands fixture's package links, with only the files given here. */
function makeApp(files: Record<string, string>): string {
	const root = fs.mkdtempSync(path.join(REPO, 'tests/apps/.copy-server-only-'));
	copies.push(root);
	const source = path.join(REPO, 'tests/apps/client-islands');
	for (const entry of ['package.json', 'vite.config.ts', 'node_modules']) {
		fs.cpSync(path.join(source, entry), path.join(root, entry), { recursive: true, verbatimSymlinks: true });
	}
	for (const [file, text] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
		fs.writeFileSync(path.join(root, file), text);
	}
	return root;
}

afterAll(() => {
	for (const root of copies) fs.rmSync(root, { recursive: true, force: true });
});

const island = (imports: string) => `<script lang="ts">\n\t${imports}\n\tlet n = $state(0);\n</script>\n<button onclick={() => n++}>{String(secret).length + n}</button>\n`;
const page = (component: string, directive: string) =>
	`<script lang="ts">\n\timport Widget from '$lib/${component}.svelte';\n</script>\n<h1>Home</h1>\n<Widget ${directive} />\n`;

async function buildFails(root: string): Promise<string> {
	const output = await buildFailure(root);
	expect(fs.existsSync(path.join(root, 'build/server'))).toBe(false);
	return output;
}

describe('server-only modules at build', () => {
	it('fails when a client island imports $lib/server/… directly, naming the chain', async () => {
		const root = makeApp({
			'src/lib/server/secret.ts': SECRET,
			'src/lib/Counter.svelte': island("import { secret } from '$lib/server/secret.ts';"),
			'src/routes/index.svelte': page('Counter', 'mochi:hydrate')
		});
		const output = await buildFails(root);
		expect(output).toContain(
			'src/lib/server/secret.ts is server-only, but the browser would load it: src/lib/Counter.svelte (client island) → src/lib/server/secret.ts'
		);
	}, 180_000);

	it('fails when the island reaches it through another module', async () => {
		const root = makeApp({
			'src/lib/server/secret.ts': SECRET,
			'src/lib/util.ts': "import { secret as hidden } from '$lib/server/secret.ts';\nexport const secret = hidden.toUpperCase();\n",
			'src/lib/Counter.svelte': island("import { secret } from '$lib/util.ts';"),
			'src/routes/index.svelte': page('Counter', 'mochi:hydrate')
		});
		const output = await buildFails(root);
		expect(output).toContain(
			'src/lib/server/secret.ts is server-only, but the browser would load it: src/lib/Counter.svelte (client island) → src/lib/util.ts → src/lib/server/secret.ts'
		);
	}, 180_000);

	it('fails for a *.server.ts file anywhere in the app, imported relatively', async () => {
		const root = makeApp({
			'src/lib/keys.server.ts': SECRET,
			'src/lib/Counter.svelte': island("import { secret } from './keys.server.ts';"),
			'src/routes/index.svelte': page('Counter', 'mochi:hydrate')
		});
		const output = await buildFails(root);
		expect(output).toContain('src/lib/keys.server.ts is server-only, but the browser would load it: src/lib/Counter.svelte (client island) → src/lib/keys.server.ts');
	}, 180_000);

	it('fails for a dynamic import and for a ?raw import of its source', async () => {
		const dynamic = makeApp({
			'src/lib/server/secret.ts': SECRET,
			'src/lib/Counter.svelte': island("const secret = import('$lib/server/secret.ts');"),
			'src/routes/index.svelte': page('Counter', 'mochi:hydrate')
		});
		expect(await buildFails(dynamic)).toContain('src/lib/Counter.svelte (client island) → src/lib/server/secret.ts');
		const raw = makeApp({
			'src/lib/server/secret.ts': SECRET,
			'src/lib/Counter.svelte': island("import secret from '$lib/server/secret.ts?raw';"),
			'src/routes/index.svelte': page('Counter', 'mochi:hydrate')
		});
		expect(await buildFails(raw)).toContain('src/lib/server/secret.ts is server-only, but the browser would load it: src/lib/Counter.svelte (client island) → src/lib/server/secret.ts');
	}, 180_000);

	it('succeeds when only a page and a server island import them, and the secret stays off the client', async () => {
		const root = makeApp({
			'src/lib/server/secret.ts': SECRET,
			'src/lib/db.server.ts': "export const rows = ['row-from-db'];\n",
			'src/lib/Greeting.svelte': "<script lang=\"ts\">\n\timport { secret } from '$lib/server/secret.ts';\n</script>\n<p class=\"deferred\">{secret.length}</p>\n",
			'src/lib/Counter.svelte': '<script lang="ts">\n\tlet n = $state(0);\n</script>\n<button onclick={() => n++}>{n}</button>\n',
			'src/routes/index.svelte': [
				'<script lang="ts">',
				"\timport { secret } from '$lib/server/secret.ts';",
				"\timport { rows } from '$lib/db.server.ts';",
				"\timport Greeting from '$lib/Greeting.svelte';",
				"\timport Counter from '$lib/Counter.svelte';",
				'</script>',
				'<h1>{secret} {rows[0]}</h1>',
				'<Greeting mochi:defer>wait</Greeting>',
				'<Counter mochi:hydrate />',
				''
			].join('\n')
		});
		await buildApp(root, { NODE_ENV: 'production' });
		const client = fs.readdirSync(path.join(root, 'build/client'), { recursive: true, encoding: 'utf8' });
		for (const file of client.filter((name) => name.endsWith('.js'))) {
			expect(fs.readFileSync(path.join(root, 'build/client', file), 'utf8')).not.toContain('hunter2');
		}
		const app = await startBuilt(root);
		try {
			const response = await fetch(`${app.url}/`);
			expect(response.status).toBe(200);
			expect(await response.text()).toContain('hunter2-server-only row-from-db');
		} finally {
			await app.stop();
		}
	}, 180_000);
});

describe('server-only modules in dev', () => {
	it('answers the browser request for the module with a 500 naming the chain, logs it, and keeps serving', async () => {
		const root = makeApp({
			'src/lib/server/secret.ts': SECRET,
			'src/lib/util.ts': "import { secret as hidden } from '$lib/server/secret.ts';\nexport const secret = hidden.toUpperCase();\n",
			'src/lib/Counter.svelte': island("import { secret } from '$lib/util.ts';"),
			'src/routes/index.svelte': page('Counter', 'mochi:hydrate')
		});
		const app = await startDev(root);
		try {
			// The page renders on the server (it may use the module); the browser then walks the island's imports.
			const home = await fetch(`${app.url}/`);
			expect(home.status).toBe(200);
			const entry = await fetch(`${app.url}/@id/__x00__virtual:mochi/island/Counter`);
			expect(entry.status).toBe(200);
			const counter = await fetch(`${app.url}/src/lib/Counter.svelte`);
			expect(counter.status).toBe(200);
			const util = await fetch(`${app.url}/src/lib/util.ts`);
			expect(util.status).toBe(200);
			expect(await util.text()).toContain('/src/lib/server/secret.ts');

			const secret = await fetch(`${app.url}/src/lib/server/secret.ts`);
			expect(secret.status).toBe(500);
			const body = await secret.text();
			expect(body).not.toContain('hunter2');
			expect(body).toContain('is server-only');
			const message = 'src/lib/server/secret.ts is server-only, but the browser would load it: src/lib/Counter.svelte (client island) → src/lib/util.ts → src/lib/server/secret.ts';
			await expect.poll(() => app.output(), { timeout: 10_000 }).toContain(message);

			// Hostile spellings of the same module are refused too, never served.
			for (const spelling of ['/src/lib/server/secret.ts?v=123', '/src/lib/server/secret.ts?import', '/src/lib/server/./secret.ts']) {
				const response = await fetch(`${app.url}${spelling}`);
				expect(response.status, spelling).not.toBe(200);
				expect(await response.text(), spelling).not.toContain('hunter2');
			}

			// Still up: the page and the island's other modules are served.
			expect((await fetch(`${app.url}/`)).status).toBe(200);
			expect((await fetch(`${app.url}/src/lib/Counter.svelte`)).status).toBe(200);
		} finally {
			await app.stop();
		}
	}, 120_000);

	it('opens Vite\'s error overlay in Chromium naming the chain, and the page itself still renders', async () => {
		const root = makeApp({
			'src/lib/server/secret.ts': SECRET,
			'src/lib/Counter.svelte': island("import { secret } from '$lib/server/secret.ts';"),
			'src/routes/index.svelte': page('Counter', 'mochi:hydrate')
		});
		const app = await startDev(root);
		const browser = await launchBrowser();
		try {
			const tab = await browser.newPage();
			await tab.goto(`${app.url}/`);
			expect(await tab.locator('h1').textContent()).toBe('Home');
			const overlay = tab.locator('vite-error-overlay');
			await overlay.waitFor({ state: 'attached', timeout: 20_000 });
			await expect
				.poll(() => overlay.evaluate((el) => el.shadowRoot?.textContent ?? ''), { timeout: 20_000 })
				.toContain('src/lib/server/secret.ts is server-only, but the browser would load it: src/lib/Counter.svelte (client island) → src/lib/server/secret.ts');
			expect((await fetch(`${app.url}/`)).status).toBe(200);
		} finally {
			await browser.close();
			await app.stop();
		}
	}, 120_000);
});
