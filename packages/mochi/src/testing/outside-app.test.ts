// Island names and client islands when no app runs (component tests), and unchanged inside one.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile } from 'svelte/compiler';
import { island } from '../runtime/server/islands/island-attributes.js';
import { hydrated } from '../runtime/server/islands/hydrated.js';
import { state } from '../runtime/server/state.js';
import { createRequestState } from '../runtime/server/create-context.js';
import { fromWebRequest } from '../runtime/server/exchange.js';
import { withRequest, prepareTestRequest } from './test-request.js';
import { decodeProps } from './placed-islands.js';

/** A server-compiled component in a file named after it, as Vite would give a page. */
async function component(name: string, source: string) {
	const internal = pathToFileURL(createRequire(import.meta.url).resolve('svelte/internal/server')).href;
	const code = compile(source, { generate: 'server', filename: `${name}.svelte` }).js.code.replaceAll("'svelte/internal/server'", `'${internal}'`);
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'mochi-testing-')), `${name}.js`);
	writeFileSync(file, code);
	return (await import(/* @vite-ignore */ pathToFileURL(file).href)).default;
}

const Avatar = await component('Avatar', '<p>avatar</p>');
const Counter = await component('Counter', '<script>let { start } = $props();</script><button>{start}</button>');
const where = { file: 'src/routes/index.svelte', line: 3 };

function inApp<T>(fn: () => T): T {
	const url = new URL('http://localhost/');
	const { state: request } = createRequestState({ request: fromWebRequest(new Request(url), url), app: { clientIslands: {}, render: null as any, dev: false } });
	return state.storage.run(request, fn);
}

describe('islands outside an app', () => {
	it('name a server island after its component, as Svelte names it after its file', () => {
		const attributes = withRequest({}, () => island(Avatar, { ...where, mode: 'plain', load: 'eager', props: { id: 7 } }));
		expect(attributes.name).toBe('Avatar');
		expect(decodeProps(attributes['signed-props'])).toEqual({ id: 7 });
	});

	it('render a client island with no client chunk, its props block and its HTML', async () => {
		const prepared = prepareTestRequest();
		const html = await state.storage.run(prepared.state, () => hydrated(Counter, { ...where, hydrate: 'load', props: { start: 3 } }));
		expect(html).toContain('<script type="application/json" id="mochi-props-0">[{"start":1},3]</script>');
		expect(html).toContain('<mochi-island name="Counter" hydrate="load" component="" props-ref="mochi-props-0">');
		expect(html).toMatch(/<button>3<\/button>.*<\/mochi-island>$/);
	});

	it('still refuse an unregistered component while an app serves the request', async () => {
		expect(() => inApp(() => island(Avatar, { ...where, mode: 'plain', load: 'eager', props: {} }))).toThrow(/not in the island registry/);
		await expect(inApp(() => hydrated(Counter, { ...where, hydrate: 'load', props: { start: 1 } }))).rejects.toThrow(/not in the island registry/);
	});
});
