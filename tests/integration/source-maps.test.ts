// Production source maps: `node build` logs a server error with a stack through the build's maps, naming
// the user's files (src/routes/…svelte, …ts) at their lines, while the browser gets no map: the client
// build emits none by default and the server's own maps (build/server) are never served.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, buildApp, startBuilt, type RunningApp } from '../helpers/app.js';

let root = '';
let app: RunningApp;

// A page with a multi-line island above the throw: its stack goes through the island preprocessor's map too.
const ISLAND_PAGE = [
	'<script lang="ts">',
	"\timport Greeting from '$lib/Greeting.svelte';",
	'</script>',
	'',
	'<Greeting',
	'\tmochi:defer',
	'/>',
	"<p>{(() => { throw new Error('kaboom below an island'); })()}</p>",
	''
];

const ENDPOINT = ['export function GET(): Response {', '\treturn new Response(String(compute()));', '}', '', 'function compute(): number {', "\tthrow new Error('endpoint exploded');", '}', ''];

beforeAll(async () => {
	root = fs.mkdtempSync(path.join(REPO, 'tests/apps/.copy-maps-'));
	fs.cpSync(path.join(REPO, 'tests/apps/basic'), root, { recursive: true, verbatimSymlinks: true, filter: (src) => !src.includes(`${path.sep}build`) });
	fs.writeFileSync(path.join(root, 'src/routes/api/explode.ts'), ENDPOINT.join('\n'));
	fs.writeFileSync(path.join(root, 'src/routes/island-boom.svelte'), ISLAND_PAGE.join('\n'));
	await buildApp(root, { NODE_ENV: 'production' });
	app = await startBuilt(root);
}, 180_000);

afterAll(async () => {
	await app?.stop();
	if (root) fs.rmSync(root, { recursive: true, force: true });
});

async function status(pathname: string): Promise<number> {
	const response = await fetch(app.url + pathname, { redirect: 'manual', signal: AbortSignal.timeout(30_000) });
	await response.arrayBuffer();
	return response.status;
}

function filesUnder(dir: string): string[] {
	return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('production stacks through source maps', () => {
	it("logs an endpoint's error at the user's .ts line, and the server stays up", async () => {
		expect(await status('/api/explode')).toBe(500);
		await expect.poll(() => app.output(), { timeout: 10_000 }).toContain('endpoint exploded');
		expect(app.output()).toMatch(/at compute \(.*src\/routes\/api\/explode\.ts:6:8\)/);
		expect(app.output()).toMatch(/at GET \(.*src\/routes\/api\/explode\.ts:2:\d+\)/);
		expect(await status('/about')).toBe(200);
	});

	it("logs a page's render error at the user's .svelte line, not only the bundled chunk", async () => {
		expect(await status('/boom')).toBe(500);
		await expect.poll(() => app.output(), { timeout: 10_000 }).toContain('kaboom from boom.svelte');
		expect(app.output()).toMatch(/at explode \(.*src\/routes\/boom\.svelte:4:\d+\)/);
		expect(await status('/about')).toBe(200);
	});

	it('a page with islands: the line below the island, mapped through the preprocessor once', async () => {
		expect(await status('/island-boom')).toBe(500);
		await expect.poll(() => app.output(), { timeout: 10_000 }).toContain('kaboom below an island');
		// The throwing frame, first under the message: line 8, where the user wrote it (mapped twice, it was not).
		expect(app.output()).toMatch(/GET \/island-boom failed: Error: kaboom below an island\n\s+at .*src\/routes\/island-boom\.svelte:8:\d+\)\n/);
	});
});

describe('no source maps for the browser', () => {
	it('the client build emits no .map file and no sourceMappingURL comment', () => {
		const client = filesUnder(path.join(root, 'build/client'));
		expect(client.some((file) => file.endsWith('.js'))).toBe(true);
		expect(client.filter((file) => /\.map(\.(br|gz))?$/.test(file))).toEqual([]);
		for (const file of client.filter((f) => f.endsWith('.js'))) expect(fs.readFileSync(file, 'utf8'), file).not.toContain('sourceMappingURL');
	});

	it("the server's maps exist but no URL serves them, however it is spelled", async () => {
		expect(fs.existsSync(path.join(root, 'build/server/app.js.map'))).toBe(true);
		const manifest = JSON.parse(fs.readFileSync(path.join(root, 'build/server/manifest.json'), 'utf8'));
		const runtime: string = manifest.assets.runtime;
		for (const target of [`${runtime}.map`, '/server/app.js.map', '/build/server/app.js.map', '/app.js.map', '/_mochi/assets/../../server/app.js.map', '/%2e%2e/server/app.js.map']) {
			expect([301, 308, 400, 404], target).toContain(await status(target));
		}
		expect(await status('/about')).toBe(200);
	});
});
