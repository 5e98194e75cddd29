// src/hooks.server.ts over real HTTP, in dev and built: locals reaching every kind of request, a guarded
// page, a hook answering on its own, headers on every answer, ctx.kind, and what a hook throws.
import { describe, expect, it } from 'vitest';
import { MODES, get, islandPath, setCookie, useApp } from './support.js';
import { HOOKS, island, logged, stillUp } from './hooks-support.js';

const ADA = 'user=Ada';

describe.each(MODES)('hooks (%s)', (mode) => {
	const app = useApp(mode, HOOKS);

	describe('locals set by the hook', () => {
		it('reach the page and its layout', async () => {
			const { status, body } = await get(app, '/', { headers: { cookie: ADA } });
			expect(status).toBe(200);
			expect(body).toContain('[layout] user=Ada kind=page');
			expect(body).toContain('[index] user=Ada kind=page');
			const anonymous = await get(app, '/');
			expect(anonymous.body).toContain('[index] user=none');
		});

		it('reach an endpoint', async () => {
			expect(JSON.parse((await get(app, '/api/locals', { headers: { cookie: ADA } })).body)).toEqual({ user: 'Ada', kind: 'endpoint' });
			expect(JSON.parse((await get(app, '/api/locals')).body)).toEqual({ user: null, kind: 'endpoint' });
		});

		it('reach a server island', async () => {
			const { status, body } = await island(app, '/islands/whoami', 'Whoami', { cookie: ADA });
			expect(status).toBe(200);
			expect(body).toContain('[whoami] user=Ada kind=island');
			expect((await island(app, '/islands/whoami', 'Whoami')).body).toContain('[whoami] user=none kind=island');
		});

		it('reach the error page and the 404 page', async () => {
			const error = await get(app, '/about?hook=error', { headers: { cookie: ADA } });
			expect(error.status).toBe(403);
			expect(error.body).toContain('[error-page] status=403 message=Forbidden by the hook user=Ada');
			expect(error.body).toContain('[layout] user=Ada kind=page');
			const missing = await get(app, '/no/such/page', { headers: { cookie: ADA } });
			expect(missing.status).toBe(404);
			expect(missing.body).toContain('[error-page] status=404 message=Not found user=Ada');
		});
	});

	describe('a guarded page', () => {
		it('redirects a visitor without the cookie to /login, before the page runs', async () => {
			const { status, headers, body } = await get(app, '/account');
			expect(status).toBe(303);
			expect(headers.get('location')).toBe('/login');
			expect(body).toBe('');
			const followed = await get(app, '/account', { redirect: 'follow' });
			expect(followed.status).toBe(200);
			expect(followed.body).toContain('[login] Please sign in');
		});

		it('renders for a visitor with the cookie', async () => {
			const { status, body } = await get(app, '/account', { headers: { cookie: ADA } });
			expect(status).toBe(200);
			expect(body).toContain('[account] Welcome, Ada');
		});

		it('is not fooled by an empty cookie, a trailing slash, a query or another cookie', async () => {
			for (const [target, cookie] of [
				['/account', 'user='],
				['/account/', ''],
				['/account?user=Ada', ''],
				['/account', 'username=Ada; xuser=Ada'],
				['/account', 'user']
			]) {
				const { status, headers, body } = await get(app, target, { headers: cookie ? { cookie } : {} });
				expect(status, `${target} with ${JSON.stringify(cookie)}`).toBe(303);
				expect(headers.get('location')).toBe('/login');
				expect(body).not.toContain('[account]');
			}
			await stillUp(app);
		});

		it('guards an island by the page it is on (its Referer)', async () => {
			const refused = await island(app, '/islands/guarded', 'Whoami');
			expect(refused.status).toBe(409);
			expect(refused.headers.get('x-mochi-island-error')).toBe('redirect');
			expect(refused.headers.get('x-mochi-island-location')).toBe(`${app.url}/login`);
			expect(refused.headers.get('cache-control')).toBe('no-store');
			expect(refused.body).not.toContain('[whoami]');
			const allowed = await island(app, '/islands/guarded', 'Whoami', { cookie: ADA });
			expect(allowed.status).toBe(200);
			expect(allowed.body).toContain('[whoami] user=Ada');
		});
	});

	describe('a hook answering on its own', () => {
		it('answers for a page, an endpoint, an island and a missing page, with what it set on ctx', async () => {
			for (const target of ['/about?hook=own', '/api/locals?hook=own', '/no/such/page?hook=own', `${islandPath('GoAway', 'x')}&hook=own`]) {
				const { status, headers, body } = await get(app, target);
				expect(status, target).toBe(418);
				expect(body).toBe('answered by the hook');
				expect(headers.get('x-own')).toBe('1');
				expect(headers.get('x-own-header')).toBe('from ctx');
				expect(setCookie(headers, 'own')).toMatch(/^own=yes;/);
				// The outer hook still saw it and marked it.
				expect(headers.get('x-frame-options')).toBe('DENY');
			}
		});

		it('never runs the page or the island behind it', async () => {
			const { status, headers } = await island(app, '/islands/go-away', 'GoAway', { query: '&hook=own' });
			expect(status).toBe(418);
			// GoAway sets this cookie when it runs.
			expect(setCookie(headers, 'went-away')).toBeUndefined();
		});
	});

	describe('headers a hook sets on the Response resolve() gives', () => {
		it.each([
			['a page', '/', 'page', 200],
			['a prerendered page', '/prerendered', 'page', 200],
			['an endpoint', '/api/locals', 'endpoint', 200],
			['a missing page', '/no/such/page', 'page', 404],
			['an endpoint that fails', '/api/json?case=bigint', 'endpoint', 500],
			['a page with its own status', '/status/gone', 'page', 410],
			['a page redirect', '/redirects/page', 'page', 303],
			['a trailing slash', '/about/', 'page', 308],
			['a DELETE to a page', '/about', 'page', 405],
			['an unknown island', islandPath('Nope', 'x'), 'island', 404],
			['an island with a malformed token', islandPath('Whoami', 'AAAA.AAAA'), 'island', 400]
		])('reach %s', async (_, target, kind, status) => {
			const { status: got, headers } = await get(app, target, target === '/about' ? { method: 'DELETE' } : {});
			expect(got).toBe(status);
			expect(headers.get('x-frame-options')).toBe('DENY');
			expect(headers.get('x-hook-kind')).toBe(kind);
			expect(headers.get('x-hook-saw-status')).toBe(String(status));
			expect(headers.get('x-hook-context')).toBe('same');
		});

		it('reach an island', async () => {
			const { status, headers } = await island(app, '/islands/whoami', 'Whoami');
			expect(status).toBe(200);
			expect(headers.get('x-frame-options')).toBe('DENY');
			expect(headers.get('x-hook-kind')).toBe('island');
			// The island's own defaults are still there.
			expect(headers.get('cache-control')).toBe('private, no-store');
			expect(headers.get('x-robots-tag')).toBe('noindex');
		});

		it('keep the page body and its content-length when only headers changed', async () => {
			const response = await fetch(`${app.url}/about`, { signal: AbortSignal.timeout(10_000) });
			const body = await response.text();
			expect(body).toContain('[about]');
			expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
		});

		it('may replace the Response, body and status included', async () => {
			const { status, headers, body } = await get(app, '/about?hook=replace');
			expect(status).toBe(203);
			expect(body).toContain('[about, rewritten by the hook]');
			expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
		});

		it('get the cookies and headers the hook set on ctx after resolve()', async () => {
			const { headers, body } = await get(app, '/about?hook=late');
			expect(body).toContain('[about]');
			expect(setCookie(headers, 'late')).toMatch(/^late=yes;/);
			expect(headers.get('x-late')).toBe('yes');
		});
	});

	describe('ctx.setStatus in a hook', () => {
		it('sets the status of the page it resolves', async () => {
			const { status, body } = await get(app, '/about?hook=status');
			expect(status).toBe(451);
			expect(body).toContain('[about]');
		});

		it('is refused for an endpoint, with a log line that says why', async () => {
			const { status } = await get(app, '/api/locals?hook=status');
			expect(status).toBe(500);
			await logged(app, /setStatus\(\) sets the status of a page\. An endpoint returns its own Response/);
		});
	});

	describe('what a hook throws', () => {
		it('error() renders the error page with that status', async () => {
			const { status, body } = await get(app, '/api/locals?hook=error');
			expect(status).toBe(403);
			expect(body).toBe('Forbidden by the hook');
		});

		it('redirect() redirects, keeping the cookies set before it', async () => {
			for (const target of ['/about?hook=redirect', '/api/locals?hook=redirect']) {
				const { status, headers, body } = await get(app, target);
				expect(status, target).toBe(307);
				expect(headers.get('location')).toBe('/about');
				expect(setCookie(headers, 'hook-redirect')).toMatch(/^hook-redirect=yes;/);
				expect(body).toBe('');
			}
		});

		it('redirect() for an island request tells the runtime where to send the page', async () => {
			const { status, headers } = await island(app, '/islands/whoami', 'Whoami', { query: '&hook=redirect' });
			expect(status).toBe(409);
			expect(headers.get('x-mochi-island-location')).toBe(`${app.url}/about`);
			expect(headers.get('location')).toBeNull();
			expect(setCookie(headers, 'hook-redirect')).toMatch(/^hook-redirect=yes;/);
		});

		it('anything else is a logged 500, for every kind of request, and the server stays up', async () => {
			const page = await get(app, '/about?hook=crash');
			expect(page.status).toBe(500);
			expect(page.body).toContain('[error-page] status=500');
			// The reason is in the log; only dev shows it on the page (and in Vite's overlay).
			if (mode === 'built') expect(page.body).not.toContain('the hook crashed');
			expect((await get(app, '/api/locals?hook=crash')).status).toBe(500);
			const fragment = await island(app, '/islands/whoami', 'Whoami', { query: '&hook=crash' });
			expect(fragment.status).toBe(500);
			expect(fragment.headers.get('x-mochi-island-error')).toBe('render');
			await logged(app, /the hook crashed on purpose/);
			await stillUp(app);
		});

		it('a hook that returns no Response, calls resolve() twice or returns a read body is a 500 that says so', async () => {
			const cases: Array<[string, RegExp]> = [
				['no-return', /src\/hooks\.server\.ts: handle must return a Response, got undefined\. Did you forget `return resolve\(\)`\?/],
				['twice', /src\/hooks\.server\.ts: resolve\(\) was called twice for one request/],
				['read-body', /src\/hooks\.server\.ts: handle returned a Response whose body was already read/]
			];
			for (const [hook, line] of cases) {
				const { status } = await get(app, `/about?hook=${hook}`);
				expect(status, hook).toBe(500);
				await logged(app, line);
			}
			await stillUp(app);
		});
	});

	it('runs after the CSRF check: a cross-site form post is refused before any hook', async () => {
		const { status, headers, body } = await get(app, '/api/locals?hook=own', {
			method: 'POST',
			headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
			body: 'a=1'
		});
		expect(status).toBe(403);
		expect(body).not.toContain('answered by the hook');
		expect(headers.get('x-hook-kind')).toBeNull();
		expect(setCookie(headers, 'own')).toBeUndefined();
	});

	it('does not run for a prerendered page served from memory (built), but does at build time', async () => {
		const { status, headers, body } = await get(app, '/prerendered', { headers: { cookie: ADA } });
		expect(status).toBe(200);
		// The hook ran when the page was rendered, with ctx.kind 'page': its headers were recorded with it.
		expect(headers.get('x-hook-kind')).toBe('page');
		expect(headers.get('x-frame-options')).toBe('DENY');
		// Built, that was at build time, with no visitor; dev renders every request.
		expect(body).toContain(mode === 'built' ? '[prerendered] user=none kind=page' : '[prerendered] user=Ada kind=page');
	});
});
