// The page code everyone writes first, `let { params } = $props(); const slug = params.slug`, gets no
// "only captures the initial value" warning in a route component (rendered once, on the server), in dev,
// in the build and in mochi check; the same code in a hydrated island still does, in all three.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO, buildApp, stopChild } from '../helpers/app.js';
import { freePort, mochiDev, untilServing, type DevProcess } from '../helpers/dev-cli.js';

const exec = promisify(execFile);
const CLI = path.join(REPO, 'packages/mochi/bin/mochi.js');
const WARNING = /only captures the initial value/;

const FILES: Record<string, string> = {
	'package.json': JSON.stringify({ name: 'test-app-params-warning', private: true, type: 'module' }),
	'vite.config.ts': "import { defineConfig } from 'vite';\nimport { mochi } from 'mochi-framework/vite';\n\nexport default defineConfig({ plugins: [mochi()] });\n",
	'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'ESNext', moduleResolution: 'bundler', target: 'ES2022', noEmit: true, skipLibCheck: true, paths: { $lib: ['./src/lib'], '$lib/*': ['./src/lib/*'] } }, include: ['src'] }),
	'src/routes/blog/[slug].svelte': `<script lang="ts">
	import Badge from '$lib/Badge.svelte';
	let { params }: { params: { slug: string } } = $props();
	const title = params.slug.replace(/-/g, ' ');
</script>

<h1>{title}</h1>
<Badge mochi:hydrate label={title} />
`,
	'src/routes/_layout.svelte': `<script lang="ts">
	import type { Snippet } from 'svelte';
	let { children, params }: { children: Snippet; params: Record<string, string> } = $props();
	const section = Object.keys(params).length ? 'post' : 'home';
</script>

<main data-section={section}>{@render children()}</main>
`,
	'src/routes/index.svelte': '<h1>Home</h1>\n',
	'src/lib/Badge.svelte': `<script lang="ts">
	let { label }: { label: string } = $props();
	const shown = label.toUpperCase();
	let clicks = $state(0);
</script>

<button onclick={() => clicks++}>{shown} {clicks}</button>
`
};

/** The lines of `output` that carry the warning, by the file they name. */
function warnedFiles(output: string): string[] {
	const files = new Set<string>();
	const lines = output.split('\n');
	lines.forEach((line, i) => {
		if (!WARNING.test(line)) return;
		const near = lines.slice(Math.max(0, i - 3), i + 4).join('\n');
		for (const file of ['src/routes/blog/[slug].svelte', 'src/routes/_layout.svelte', 'src/lib/Badge.svelte']) if (near.includes(file)) files.add(file);
	});
	return [...files].sort();
}

let root: string;

beforeAll(() => {
	root = fs.mkdtempSync(path.join(REPO, 'tests/apps/.params-'));
	fs.cpSync(path.join(REPO, 'tests/apps/basic/node_modules'), path.join(root, 'node_modules'), { recursive: true, verbatimSymlinks: true });
	for (const [file, text] of Object.entries(FILES)) {
		fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
		fs.writeFileSync(path.join(root, file), text);
	}
});

afterAll(() => {
	if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('"only captures the initial value" in route components', () => {
	it('is not said in dev for the page or the layout, and is for the hydrated island', async () => {
		let dev: DevProcess | undefined;
		try {
			// The CLI, whose terminal shows Vite's warnings as a user sees them.
			const url = `http://127.0.0.1:${await freePort()}`;
			dev = mochiDev(root, { PORT: new URL(url).port }, ['--host', '127.0.0.1']);
			await untilServing(dev, `${url}/`);
			const page = await fetch(`${url}/blog/hello-world`, { signal: AbortSignal.timeout(30_000) });
			expect(page.status).toBe(200);
			const html = await page.text();
			expect(html).toContain('<h1>hello world</h1>');
			// The browser's copy of the island, compiled for the client as the browser would ask for it.
			const chunk = html.match(/<mochi-island[^>]*component="([^"]+)"/)?.[1];
			const wrapper = await (await fetch(new URL(chunk!, url), { signal: AbortSignal.timeout(30_000) })).text();
			const component = wrapper.match(/import component from "([^"]+)"/)![1];
			expect((await fetch(new URL(component, url), { signal: AbortSignal.timeout(30_000) })).status).toBe(200);
			await expect.poll(() => warnedFiles(dev!.output()), { timeout: 10_000 }).toEqual(['src/lib/Badge.svelte']);
		} finally {
			if (dev) await stopChild(dev.child);
		}
	}, 90_000);

	it('is not said by mochi build for the page or the layout, and is for the hydrated island', async () => {
		const output = await buildApp(root, { NODE_ENV: 'production' });
		expect(warnedFiles(output)).toEqual(['src/lib/Badge.svelte']);
	}, 180_000);

	it('is not said by mochi check for the page or the layout, and is for the hydrated island', async () => {
		let output: string;
		try {
			const { stdout, stderr } = await exec(process.execPath, [CLI, 'check'], { cwd: root, timeout: 120_000 });
			output = stdout + stderr;
		} catch (error) {
			const failed = error as { stdout: string; stderr: string };
			output = failed.stdout + failed.stderr;
		}
		expect(output).toContain('mochi check found 0 errors and 1 warning');
		expect(warnedFiles(output)).toEqual(['src/lib/Badge.svelte']);
	}, 180_000);
});
