// ctx.setStatus(code) and json(data, init?) over real HTTP, in dev and built, bad values included.
import { describe, expect, it } from 'vitest';
import { MODES, get, useApp } from './support.js';
import { HOOKS, island, logged, stillUp } from './hooks-support.js';

describe.each(MODES)('setStatus and json (%s)', (mode) => {
	const app = useApp(mode, HOOKS);

	describe('ctx.setStatus', () => {
		it('answers a page with its own markup and that status', async () => {
			const gone = await get(app, '/status/gone');
			expect(gone.status).toBe(410);
			expect(gone.headers.get('content-type')).toBe('text/html; charset=utf-8');
			expect(gone.body).toContain('[gone] This product was withdrawn.');
			expect(gone.body).toContain('[layout]');
			expect(gone.body).not.toContain('[error-page]');
		});

		it('lets a product page render its own 404, and a 200 for what it has', async () => {
			const missing = await get(app, '/status/yuzu');
			expect(missing.status).toBe(404);
			expect(missing.body).toContain('[product page] No product called yuzu; try matcha.');
			expect(missing.body).not.toContain('[error-page]');
			const found = await get(app, '/status/matcha');
			expect(found.status).toBe(200);
			expect(found.body).toContain('[product] matcha');
		});

		it.each([
			['302', /setStatus\(302\): a 302 needs a location: throw redirect\(302, location\) instead/],
			['204', /setStatus\(204\): a 204 has no body/],
			['99', /setStatus\(status\): status must be an integer from 200 to 599, got 99/],
			['600', /got 600/],
			['404.5', /got 404\.5/],
			['abc', /got NaN/]
		])('refuses %s: a logged 500 error page that names the problem', async (code, line) => {
			const { status, body } = await get(app, `/status/bad?code=${code}`);
			expect(status).toBe(500);
			expect(body).toContain('[error-page] status=500');
			// The page's own markup, not the code frame of its source in dev's overlay script (\u003c there).
			expect(body).not.toContain('<h1>[never rendered');
			await logged(app, line);
		});

		it('is refused in an endpoint, which returns its own Response', async () => {
			const { status, body } = await get(app, '/api/set-status');
			expect(status).toBe(500);
			expect(body).not.toContain('unreachable');
			await logged(app, /setStatus\(\) sets the status of a page\. An endpoint returns its own Response/);
		});

		it('is refused in an island, whose fallback then stays', async () => {
			const { status, headers } = await island(app, '/islands/go-elsewhere', 'SetStatus');
			expect(status).toBe(500);
			expect(headers.get('x-mochi-island-error')).toBe('render');
			await logged(app, /island SetStatus failed to render \(500\): Error: setStatus\(\) sets the status of a page\. An island's HTML/);
			await stillUp(app);
		});
	});

	describe('json()', () => {
		it('answers 200 application/json with the data', async () => {
			const { status, headers, body } = await get(app, '/api/json');
			expect(status).toBe(200);
			expect(headers.get('content-type')).toBe('application/json');
			expect(JSON.parse(body)).toEqual({ hello: 'world', n: 1, nothing: null, when: '1970-01-01T00:00:00.000Z' });
		});

		it('takes status and headers from init, and keeps a content-type it gives', async () => {
			const created = await get(app, '/api/json?case=created');
			expect(created.status).toBe(201);
			expect(created.headers.get('x-made')).toBe('yes');
			expect(JSON.parse(created.body)).toEqual({ id: 7, tags: ['a', 'b'] });
			const typed = await get(app, '/api/json?case=own-type');
			expect(typed.headers.get('content-type')).toBe('application/vnd.api+json');
		});

		it('answers HEAD without a body', async () => {
			const { status, headers, body } = await get(app, '/api/json', { method: 'HEAD' });
			expect(status).toBe(200);
			expect(headers.get('content-type')).toBe('application/json');
			expect(body).toBe('');
		});

		it.each([
			['bigint', /json\(data\): data can't be serialized as JSON: .*BigInt/],
			['cycle', /json\(data\): data can't be serialized as JSON: .*circular/i],
			['undefined', /json\(data\): undefined is not JSON/]
		])('refuses data JSON cannot hold (%s): a logged 500 that says why', async (which, line) => {
			const { status, headers, body } = await get(app, `/api/json?case=${which}`);
			expect(status).toBe(500);
			expect(headers.get('content-type')).toBe('text/plain; charset=utf-8');
			if (mode === 'built') expect(body).toBe('Internal Error');
			await logged(app, line);
			await stillUp(app);
		});
	});
});
