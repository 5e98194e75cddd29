// Svelte's real `hydratable()` script, rendered by the Svelte the app uses, turned into data and read
// back the way an island's chunk does (devalue with the promise reviver).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile } from 'svelte/compiler';
import { render } from 'svelte/server';
import { parse } from 'devalue';
import { fragmentHead } from './hydrated.js';
import { hydratableData } from './hydratable-data.js';
import { HYDRATABLE_PROMISE } from '../../shared/props-script.js';

const require = createRequire(import.meta.url);
const resolved = (specifier: string) => pathToFileURL(require.resolve(specifier)).href;

/** An async-mode server component, importing the same Svelte as `render` above. */
async function component(source: string) {
	const code = compile(source, { generate: 'server', filename: 'Probe.svelte', experimental: { async: true } })
		.js.code.replace("'svelte/internal/flags/async'", `'${resolved('svelte/internal/flags/async')}'`)
		.replace("'svelte/internal/server'", `'${resolved('svelte/internal/server')}'`)
		.replace("from 'svelte'", `from '${resolved('svelte')}'`);
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'mochi-hydratable-')), 'Probe.js');
	writeFileSync(file, code);
	return (await import(/* @vite-ignore */ pathToFileURL(file).href)).default;
}

const HOSTILE = '</script><script>window.pwned=1</script><!-- \u2028';
// Written in parts inside the component: a literal closing tag would end its <script>.
const HOSTILE_SOURCE = `'<' + '/script><script>window.pwned=1<' + '/script><!-- \\u2028'`;
const TOKEN = 'tok_en-123';

const Probe = await component(`<script>
	import { hydratable } from 'svelte';
	const self = { name: 'cycle' }; self.self = self;
	const data = hydratable('data', () => ({ date: new Date(5), map: new Map([['k', 1n]]), set: new Set([1, 2]), odd: [NaN, -0, Infinity], self, hostile: ${HOSTILE_SOURCE}, u: undefined }));
	const later = await hydratable('later', () => Promise.resolve({ url: new URL('https://a.example/x?y') }));
</script>
<p>{data.hostile}{later.url.href}</p>`);

function readBack(block: string): Map<unknown, unknown> {
	const json = /^<script type="application\/json" data-mochi-hydratable="([^"]+)">(.*)<\/script>$/s.exec(block);
	expect(json, block).not.toBeNull();
	expect(json![1]).toBe(TOKEN);
	const revivers = { [HYDRATABLE_PROMISE]: ([value]: [unknown]) => Promise.resolve(value) };
	return new Map(parse(json![2], revivers) as Array<[unknown, unknown]>);
}

describe('hydratable() data in a fragment', () => {
	it("turns Svelte's script into a data block with every value intact, promises as promises", async () => {
		const rendered = await render(Probe, { csp: { nonce: TOKEN } });
		expect(rendered.head).toContain(`<script nonce="${TOKEN}">`);
		const head = fragmentHead(rendered.head, TOKEN);
		expect(head).not.toContain('<script nonce');
		const store = readBack(head);
		expect([...store.keys()]).toEqual(['data', 'later']);
		const data = store.get('data') as any;
		expect(data.date).toEqual(new Date(5));
		expect(data.map.get('k')).toBe(1n);
		expect([...data.set]).toEqual([1, 2]);
		expect(data.odd).toEqual([NaN, -0, Infinity]);
		expect(Object.is(data.odd[1], -0)).toBe(true);
		expect(data.self.self).toBe(data.self);
		expect(data.hostile).toBe(HOSTILE);
		expect('u' in data && data.u === undefined).toBe(true);
		const later = store.get('later');
		expect(later).toBeInstanceOf(Promise);
		expect(((await later) as { url: URL }).url.href).toBe('https://a.example/x?y');
	});

	it('writes no raw "<" (no way out of the block) and nothing executable', async () => {
		const head = fragmentHead((await render(Probe, { csp: { nonce: TOKEN } })).head, TOKEN);
		const text = head.slice(head.indexOf('>') + 1, head.lastIndexOf('</script>'));
		expect(text).not.toContain('<');
		expect(text).not.toContain('\u2028');
		expect(head.match(/<script/g)).toHaveLength(1);
	});

	it('finds only the script rendered with the token: none without one, or with another', async () => {
		const rendered = await render(Probe, { csp: { nonce: TOKEN } });
		expect(fragmentHead(rendered.head)).toBe('');
		expect(fragmentHead(rendered.head, 'other-token')).toBe('');
		const noData = await render(await component('<p>plain</p>'), { csp: { nonce: TOKEN } });
		expect(fragmentHead(noData.head, TOKEN)).toBe('');
	});

	it('fails loudly if Svelte ever stops filling window.__svelte.h', () => {
		expect(() => hydratableData('window.somethingElse = 1;', TOKEN)).toThrow(/no longer fills window\.__svelte\.h/);
	});
});
