// redirect(status, location) over real HTTP, in dev and built: from a hook, a page, a layout, an endpoint
// and an island; and a location with control characters, which must never reach a header.
import { describe, expect, it } from 'vitest';
import { MODES, get, setCookie, useApp } from './support.js';
import { HOOKS, island, logged, rawHead, stillUp } from './hooks-support.js';

describe.each(MODES)('redirects (%s)', (mode) => {
	const app = useApp(mode, HOOKS);

	it('from a hook: its status and location, with the cookies it set', async () => {
		const { status, headers, body } = await get(app, '/about?hook=redirect');
		expect(status).toBe(307);
		expect(headers.get('location')).toBe('/about');
		expect(setCookie(headers, 'hook-redirect')).toBeDefined();
		expect(body).toBe('');
	});

	it('from a page: cookies set before it are kept, headers meant for the page are not', async () => {
		const { status, headers, body } = await get(app, '/redirects/page');
		expect(status).toBe(303);
		expect(headers.get('location')).toBe('/about?from=page');
		expect(setCookie(headers, 'from-page')).toMatch(/^from-page=yes;/);
		expect(headers.get('cache-control')).toBeNull();
		expect(body).toBe('');
		const followed = await get(app, '/redirects/page', { redirect: 'follow' });
		expect(followed.body).toContain('[about]');
	});

	it('from a layout: the page under it never renders', async () => {
		const { status, headers, body } = await get(app, '/redirects/layout');
		expect(status).toBe(308);
		expect(headers.get('location')).toBe('/about?from=layout');
		expect(body).not.toContain('never rendered');
	});

	it('from an endpoint, keeping its cookie; HEAD as GET', async () => {
		const { status, headers, body } = await get(app, '/redirects/endpoint');
		expect(status).toBe(302);
		expect(headers.get('location')).toBe('/about');
		expect(setCookie(headers, 'signed-in')).toMatch(/^signed-in=yes;/);
		expect(body).toBe('');
		const head = await get(app, '/redirects/endpoint', { method: 'HEAD' });
		expect(head.status).toBe(302);
		expect(head.headers.get('location')).toBe('/about');
	});

	it('percent-encodes a location that is not ASCII', async () => {
		const { status, headers } = await get(app, '/redirects/unicode');
		expect(status).toBe(301);
		expect(headers.get('location')).toBe('/caf%C3%A9?q=%E6%97%A5%E6%9C%AC');
	});

	describe('a location with control characters', () => {
		it('from a page is a 500 with a clear log line, and no header is injected', async () => {
			const head = await rawHead(app, '/redirects/crlf');
			expect(head[0]).toBe('HTTP/1.1 500 Internal Server Error');
			expect(head.some((line) => /^location:/i.test(line))).toBe(false);
			expect(head.some((line) => /injected/i.test(line))).toBe(false);
			await logged(app, /the location contains a control character \(U\+000D at 6\), which can't go into a header/);
		});

		it('from a hook: the same', async () => {
			const head = await rawHead(app, '/about?hook=crlf');
			expect(head[0]).toBe('HTTP/1.1 500 Internal Server Error');
			expect(head.some((line) => /^(location|x-injected):/i.test(line))).toBe(false);
		});

		it.each([
			['CR LF', '%0D%0Aset-cookie:%20evil=1'],
			['LF', '%0Aset-cookie:%20evil=1'],
			['CR', '%0Dset-cookie:%20evil=1'],
			['NUL', '%00'],
			['tab', '%09x'],
			['DEL', '%7F'],
			['ESC', '%1B[2J']
		])('from an endpoint, taken from the query (%s): refused, never a header', async (_, encoded) => {
			// The endpoint's POST redirects to its `to` query parameter, decoded.
			const head = await rawHead(app, `/redirects/endpoint?to=/about${encoded}`, 'POST');
			expect(head[0]).toBe('HTTP/1.1 500 Internal Server Error');
			expect(head.some((line) => /^(location|set-cookie):/i.test(line))).toBe(false);
			expect(head.some((line) => /evil/i.test(line))).toBe(false);
			await logged(app, /redirect\(status, location\): the location contains a control character/);
			await stillUp(app);
		});

		it('a clean location from the same endpoint still redirects', async () => {
			const { status, headers } = await get(app, '/redirects/endpoint?to=/login%3Fnext%3D%2Faccount', { method: 'POST' });
			expect(status).toBe(303);
			expect(headers.get('location')).toBe('/login?next=/account');
		});
	});

	describe('from a server island', () => {
		it('answers 409 with where the runtime sends the page, never a 30x, keeping its cookie', async () => {
			const { status, headers, body } = await island(app, '/islands/go-away', 'GoAway');
			expect(status).toBe(409);
			expect(headers.get('location')).toBeNull();
			expect(headers.get('x-mochi-island-location')).toBe(`${app.url}/about?from=island`);
			expect(headers.get('x-mochi-island-error')).toBe('redirect');
			expect(headers.get('cache-control')).toBe('no-store');
			expect(setCookie(headers, 'went-away')).toMatch(/^went-away=yes;/);
			expect(body).not.toContain('[about]');
		});

		it('refuses another origin: an island error and a log line, no location at all', async () => {
			const { status, headers, body } = await island(app, '/islands/go-elsewhere', 'GoElsewhere');
			expect(status).toBe(500);
			expect(headers.get('x-mochi-island-error')).toBe('render');
			expect(headers.get('x-mochi-island-location')).toBeNull();
			expect(body).not.toContain('example.com');
			await logged(app, /island GoElsewhere: redirect\(303, "https:\/\/example\.com\/phish"\) refused: an island can only send the page to its own origin/);
		});
	});

	it('keeps the trailing-slash redirect a 308 to the path without it', async () => {
		const { status, headers } = await get(app, '/about/?x=1');
		expect(status).toBe(308);
		expect(headers.get('location')).toBe('/about?x=1');
	});
});
