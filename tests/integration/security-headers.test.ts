// x-content-type-options and referrer-policy (DESIGN.md §7) on everything Mochi renders, over real HTTP in the
// dev server and the built app: prerendered (from memory, 304 too) and on-demand pages, 404s, error pages,
// island answers and every kind of island refusal, Mochi's own text answers; the app's own values win.
import { afterAll, describe, expect, it } from 'vitest';
import { tokenOf } from '../helpers/app.js';
import { send, type RawAnswer } from '../helpers/raw-request.js';
import { MODES, useApp } from './support.js';
import { CSRF_APP } from './csrf-fixture.js';

const DEFAULTS = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'strict-origin-when-cross-origin' };

/** What was checked, per mode, for the closing figure. */
const covered: Record<string, string[]> = {};
afterAll(() => console.log(`[headers] nosniff + referrer-policy on: ${JSON.stringify(covered)}`));

describe.each(MODES)('security headers (%s)', (mode) => {
	const app = useApp(mode, CSRF_APP);
	const url = (path: string) => `${app.url}${path}`;

	function expectDefaults(kind: string, answer: RawAnswer, status: number) {
		expect(answer.status, kind).toBe(status);
		expect(answer.headers, kind).toMatchObject(DEFAULTS);
		(covered[mode] ??= []).push(`${kind} ${status}`);
	}

	it('are on pages: prerendered (and its 304), on demand, 404 and error pages', async () => {
		const shell = await send(url('/shell'));
		expectDefaults('prerendered page', shell, 200);
		if (mode === 'built') {
			// Served from memory with an ETag: the 304 goes out with the same headers.
			expect(shell.headers.etag).toBeDefined();
			expectDefaults('prerendered 304', await send(url('/shell'), { headers: { 'if-none-match': shell.headers.etag! } }), 304);
			expectDefaults('prerendered page, brotli', await send(url('/shell'), { headers: { 'accept-encoding': 'br' } }), 200);
		}
		expectDefaults('on-demand page', await send(url('/form')), 200);
		const missing = await send(url('/no-such-page'));
		expectDefaults('404 page', missing, 404);
		expect(missing.headers['content-type']).toBe('text/html; charset=utf-8');
		const boom = await send(url('/boom'));
		expectDefaults('error page', boom, 500);
		expect(boom.body).toContain('[error-page] status=500');
	});

	it('are on island answers and on every island refusal', async () => {
		const token = tokenOf((await send(url('/shell'))).body, 'Where');
		expectDefaults('island', await send(url(`/_mochi/island/Where?p=${token}`)), 200);
		const broken = await send(url(`/_mochi/island/Broken?p=${tokenOf((await send(url('/shell'))).body, 'Broken')}`));
		expectDefaults('island render error', broken, 500);
		expect(broken.headers['x-mochi-island-error']).toBe('render');
		const refusals: Array<[string, string, number, Parameters<typeof send>[1]?]> = [
			['island malformed', '/_mochi/island/Where?p=!!!', 400],
			['island missing token', '/_mochi/island/Where', 400],
			['island bad signature', `/_mochi/island/Where?p=${token.slice(0, -2)}AA`, 403],
			['island unknown', `/_mochi/island/Nope?p=${token}`, 404],
			['island method', `/_mochi/island/Where?p=${token}`, 405, { method: 'PUT' }],
			['island token too long', `/_mochi/island/Where?p=${'a'.repeat(8001)}`, 414],
			['island cross-site POST', '/_mochi/island/Where', 403, { method: 'POST', headers: { origin: 'null', 'content-type': 'text/plain' }, body: token }]
		];
		for (const [kind, path, status, init] of refusals) expectDefaults(kind, await send(url(path), init), status);
	});

	it("are on Mochi's own text answers: a CSRF refusal, a POST to a page, a missing hashed asset", async () => {
		const csrf = await send(url('/api/counter'), { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'text/plain' }, body: 'x' });
		expectDefaults('csrf refusal', csrf, 403);
		expectDefaults('page 405', await send(url('/form'), { method: 'POST' }), 405);
		if (mode === 'built') expectDefaults('missing hashed asset', await send(url('/_mochi/assets/gone-123.js')), 404);
	});

	it("give way to the app's own values, set with setHeaders, on a prerendered page, an on-demand page and an island", async () => {
		const own = await send(url('/own-shell'));
		expect(own.status).toBe(200);
		expect(own.headers['referrer-policy']).toBe('same-origin');
		expect(own.headers['x-content-type-options']).toBe('nosniff');
		const page = await send(url('/own-headers'));
		expect(page.headers['referrer-policy']).toBe('no-referrer');
		const island = await send(url(`/_mochi/island/OwnHeaders?p=${tokenOf(page.body, 'OwnHeaders')}`));
		expect(island.status).toBe(200);
		expect(island.headers['referrer-policy']).toBe('no-referrer');
		expect(island.headers['x-content-type-options']).toBe('nosniff');
		// One value each: the app's replaced Mochi's rather than being sent next to it.
		expect(page.headers['referrer-policy']).not.toContain(',');
		(covered[mode] ??= []).push('own values win: prerendered, on-demand, island');
	});
});
