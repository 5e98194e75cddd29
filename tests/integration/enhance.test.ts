// Enhanced forms and refreshIslands() over real HTTP (DESIGN.md §9), against the fixture (dev and built)
// tests/apps/enhance: an enhanced submission (x-mochi-enhance) gets its redirect as a 204 with
// x-mochi-location and the refreshes in x-mochi-refresh, from an action, an endpoint and a hook; a plain
// POST gets the normal 303 and no refresh header; CSRF still refuses a cross-site enhanced POST.
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/app.js';
import { send } from '../helpers/raw-request.js';
import { MODES, useApp } from './support.js';

const ENHANCE = path.join(REPO, 'tests/apps/enhance');
const FORM = 'application/x-www-form-urlencoded';

describe.each(MODES)('enhanced submissions (%s)', (mode) => {
	const app = useApp(mode, ENHANCE);
	const post = (target: string, headers: Record<string, string> = {}, body = 'qty=1') =>
		send(`${app.url}${target}`, { method: 'POST', headers: { 'content-type': FORM, origin: app.url, ...headers }, body });
	const enhanced = { 'x-mochi-enhance': '1' };
	const state = async () => JSON.parse((await send(`${app.url}/api/bump`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' })).body);

	beforeEach(async () => {
		await send(`${app.url}/api/bump`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"count":0,"mutations":0,"note":"none"}' });
	});

	it('an action: 204 with the location and the refreshes, the mutation done once', async () => {
		const answer = await post('/?/add', enhanced);
		expect(answer.status).toBe(204);
		expect(answer.headers['x-mochi-location']).toBe('/');
		expect(answer.headers['x-mochi-refresh']).toBe('CartCount,MiniCart');
		expect(answer.headers.location).toBeUndefined();
		expect((await state()).mutations).toBe(1);
	});

	it('a plain POST to the same action: the normal 303, no refresh header leaks', async () => {
		const answer = await post('/?/add');
		expect(answer.status).toBe(303);
		expect(answer.headers.location).toBe('/');
		expect(answer.headers['x-mochi-refresh']).toBeUndefined();
		expect(answer.headers['x-mochi-location']).toBeUndefined();
		expect((await state()).count).toBe(1);
	});

	it('an endpoint and a hook ask for refreshes through their 303 too', async () => {
		const endpoint = await post('/api/bump', enhanced);
		expect([endpoint.status, endpoint.headers['x-mochi-location'], endpoint.headers['x-mochi-refresh']]).toEqual([204, '/', 'CartCount']);
		const hooked = await post('/hooked', enhanced);
		expect([hooked.status, hooked.headers['x-mochi-location'], hooked.headers['x-mochi-refresh']]).toEqual([204, '/', 'CartCount,MiniCart']);
		const plain = await post('/hooked');
		expect([plain.status, plain.headers.location, plain.headers['x-mochi-refresh']]).toEqual([303, '/', undefined]);
		expect((await state()).count).toBe(21);
	});

	it('an action that re-renders keeps its page and says which islands; a fail() keeps its status and message', async () => {
		const noted = await post('/?/note', enhanced, 'note=hi');
		expect(noted.status).toBe(200);
		expect(noted.headers['x-mochi-refresh']).toBe('MiniCart,NoSuchIsland');
		expect(noted.body).toContain('class="noted"');
		const failed = await post('/?/add', enhanced, 'qty=zero');
		expect(failed.status).toBe(400);
		expect(failed.headers['x-mochi-refresh']).toBeUndefined();
		expect(failed.body).toContain('"zero" is not a quantity');
		expect((await state()).mutations).toBe(0);
	});

	it('a cross-site enhanced POST still gets the CSRF 403 and runs nothing', async () => {
		const shapes: Array<Record<string, string>> = [{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }];
		for (const headers of shapes) {
			const answer = await post('/?/add', { ...enhanced, ...headers });
			expect(answer.status).toBe(403);
			expect(answer.headers['x-mochi-refresh']).toBeUndefined();
		}
		expect((await state()).mutations).toBe(0);
		expect((await send(`${app.url}/`)).status).toBe(200);
	});

	it('the header on a GET changes nothing, and hostile header values are ignored', async () => {
		const get = await send(`${app.url}/`, { headers: { 'x-mochi-enhance': '1' } });
		expect(get.status).toBe(200);
		expect(get.headers['x-mochi-refresh']).toBeUndefined();
		const odd = await post('/?/add', { 'x-mochi-enhance': 'x'.repeat(4000) });
		expect(odd.status).toBe(204);
		expect((await send(`${app.url}/`)).status).toBe(200);
	});

	it('loads the runtime and the enhance module only where needed', async () => {
		// Built: runtime-[hash].js, enhance-[hash].js; dev: runtime/client/index.js, enhance.js (and Vite's own client).
		// A page that streams its islands (these do: on demand, no cache-control) adds the stream module (stream-[hash].js,
		// stream.js); built, it carries both inline ("inline" twice below).
		const name = (src: string) => (/runtime-|client\/index\.js$/.test(src) ? 'runtime' : /enhance/.test(src) ? 'enhance' : /stream/.test(src) ? 'stream' : src);
		const scripts = async (page: string) =>
			[...(await send(`${app.url}${page}`)).body.matchAll(/<script type="module"(?: async)?(?: src="([^"]+)")?/g)]
				.map((m) => (m[1] === undefined ? 'inline' : name(m[1])))
				.filter((src) => src !== '/@vite/client')
				.sort();
		const streamed = mode === 'built' ? ['inline', 'inline'] : ['runtime', 'stream'];
		expect(await scripts('/plain')).toEqual([]);
		expect(await scripts('/islands-only')).toEqual(streamed);
		expect(await scripts('/form-only')).toEqual(['enhance', 'runtime']);
		expect(await scripts('/')).toEqual(['enhance', ...streamed].sort());
	});
});
