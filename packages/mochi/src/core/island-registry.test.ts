import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scanIslands, type Resolve } from './island-registry.js';

let root = '';
afterEach(() => root && fs.rmSync(root, { recursive: true, force: true }));

/** An app on disk from { 'src/x.svelte': source }. */
function app(files: Record<string, string>): string {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'mochi-registry-'));
	for (const [file, source] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
		fs.writeFileSync(path.join(root, file), source);
	}
	return root;
}

// Relative imports only, like the fixtures: what Vite's resolver does for them.
const resolve: Resolve = async (specifier, importer) => path.resolve(path.dirname(importer), specifier);

const page = (body: string, imports: string) => `<script>\n${imports}\n</script>\n${body}\n`;

describe('scanIslands', () => {
	it('names islands after their files, with a hash suffix only when two files share a name', async () => {
		app({
			'src/routes/index.svelte': page(
				'<A mochi:defer /><B mochi:defer /><Avatar mochi:hydrate />',
				"import A from '../lib/news/Card.svelte';\nimport B from '../lib/shop/Card.svelte';\nimport Avatar from '../lib/Avatar.svelte';"
			),
			'src/lib/news/Card.svelte': '<p>news</p>',
			'src/lib/shop/Card.svelte': '<p>shop</p>',
			'src/lib/Avatar.svelte': '<p>me</p>'
		});
		const islands = await scanIslands(root, resolve);
		const names = islands.map((island) => island.name).sort();
		expect(names[0]).toBe('Avatar');
		expect(names[1]).toMatch(/^Card-[0-9a-f]{6}$/);
		expect(names[2]).toMatch(/^Card-[0-9a-f]{6}$/);
		expect(names[1]).not.toBe(names[2]);
		expect(islands.find((island) => island.name === 'Avatar')?.hydrate).toBe(true);
		expect(islands.filter((island) => island.name.startsWith('Card')).every((island) => !island.hydrate)).toBe(true);
	});

	it('refuses a server island inside a client island’s own file', async () => {
		app({
			'src/routes/index.svelte': page('<Panel mochi:hydrate />', "import Panel from '../lib/Panel.svelte';"),
			'src/lib/Panel.svelte': page('<Late mochi:defer>…</Late>', "import Late from './Late.svelte';"),
			'src/lib/Late.svelte': '<p>late</p>'
		});
		await expect(scanIslands(root, resolve)).rejects.toThrow(
			/src\/lib\/Panel\.svelte:\d+: <Late mochi:defer> is inside the client island src\/lib\/Panel\.svelte \(hydrated at src\/routes\/index\.svelte:\d+\)/
		);
	});

	it('follows static .svelte imports: a client island two files down is refused too', async () => {
		app({
			'src/routes/index.svelte': page('<Panel mochi:hydrate />', "import Panel from '../lib/Panel.svelte';"),
			'src/lib/Panel.svelte': page('<Row />', "import Row from './Row.svelte';"),
			'src/lib/Row.svelte': page('<Counter mochi:hydrate />', "import Counter from './Counter.svelte';"),
			'src/lib/Counter.svelte': '<button>0</button>'
		});
		await expect(scanIslands(root, resolve)).rejects.toThrow(/src\/lib\/Row\.svelte:\d+: <Counter mochi:hydrate> is inside the client island src\/lib\/Panel\.svelte/);
	});

	it('gives a client-only island (mochi:client) a client chunk, and refuses islands in its own tree', async () => {
		app({
			'src/routes/index.svelte': page('<Chart mochi:client:idle>…</Chart><Card mochi:defer />', "import Chart from '../lib/Chart.svelte';\nimport Card from '../lib/Card.svelte';"),
			'src/lib/Chart.svelte': '<canvas></canvas>',
			'src/lib/Card.svelte': '<p>card</p>'
		});
		const islands = await scanIslands(root, resolve);
		expect(islands.map(({ name, hydrate }) => ({ name, hydrate })).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
			{ name: 'Card', hydrate: false },
			{ name: 'Chart', hydrate: true }
		]);

		fs.writeFileSync(path.join(root, 'src/lib/Chart.svelte'), page('<Legend mochi:client />', "import Legend from './Legend.svelte';"));
		fs.writeFileSync(path.join(root, 'src/lib/Legend.svelte'), '<p>legend</p>');
		await expect(scanIslands(root, resolve)).rejects.toThrow(/src\/lib\/Chart\.svelte:\d+: <Legend mochi:client> is inside the client island src\/lib\/Chart\.svelte/);
	});

	it('allows the same component as a server island elsewhere, and islands beside a client island', async () => {
		app({
			'src/routes/index.svelte': page(
				'<Panel mochi:hydrate /><Late mochi:defer>…</Late>',
				"import Panel from '../lib/Panel.svelte';\nimport Late from '../lib/Late.svelte';"
			),
			'src/lib/Panel.svelte': '<p>panel</p>',
			'src/lib/Late.svelte': '<p>late</p>'
		});
		expect((await scanIslands(root, resolve)).map((island) => island.name).sort()).toEqual(['Late', 'Panel']);
	});
});
