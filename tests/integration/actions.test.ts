// Form actions (DESIGN.md §6) over real HTTP, in dev and built, on tests/apps/hooks/src/routes/actions.
import { describe, expect, it } from 'vitest';
import { MODES, get, setCookie, useApp, type Fetched } from './support.js';
import { HOOKS, logged, stillUp } from './hooks-support.js';
import type { RunningApp } from '../helpers/app.js';

function post(app: RunningApp, pathname: string, fields: Record<string, string> = {}, headers: Record<string, string> = {}): Promise<Fetched> {
	return get(app, pathname, {
		method: 'POST',
		headers: { origin: app.url, 'content-type': 'application/x-www-form-urlencoded', ...headers },
		body: new URLSearchParams(fields).toString()
	});
}

/** The page's `form` prop as it rendered it (text, so quotes come back as `&quot;`: undone here). */
const formOf = (body: string) => /<p data-form[^>]*>(.*?)<\/p>/s.exec(body)?.[1]?.replace(/&quot;/g, '"');

describe.each(MODES)('form actions (%s)', (mode) => {
	const app = useApp(mode, HOOKS);

	it('GET renders the page with form undefined', async () => {
		const { status, body } = await get(app, '/actions');
		expect(status).toBe(200);
		expect(formOf(body)).toBe('no form');
	});

	it('POST runs default with the form data, in kind action, hooks around it; form goes to the page only', async () => {
		const { status, body, headers } = await post(app, '/actions', { name: 'Ada' }, { cookie: 'user=Bob' });
		expect(status).toBe(200);
		expect(formOf(body)).toBe(JSON.stringify({ greeted: 'Ada', kind: 'action', user: 'Bob' }));
		expect(headers.get('x-hook-kind')).toBe('action');
		expect(body).toContain('kind=action');
	});

	it('fail() gives its status and data', async () => {
		const { status, body, headers } = await post(app, '/actions', { name: '  ' });
		expect(status).toBe(422);
		expect(formOf(body)).toBe('{"missing":true}');
		expect(headers.get('x-hook-saw-status')).toBe('422');
	});

	it('?/name runs that action; a redirect keeps its cookie', async () => {
		const signIn = await post(app, '/actions?/signIn', { name: 'Cleo' });
		expect(signIn.status).toBe(303);
		expect(signIn.headers.get('location')).toBe('/actions');
		expect(setCookie(signIn.headers, 'user')).toMatch(/^user=Cleo;/);
		const signOut = await post(app, '/actions?/signOut&x=1', {}, { cookie: 'user=Cleo' });
		expect(signOut.status).toBe(303);
		expect(setCookie(signOut.headers, 'user')).toMatch(/^user=;/);
		const touched = await post(app, '/actions?/touch');
		expect(touched.status).toBe(200);
		expect(setCookie(touched.headers, 'touched')).toBeDefined();
	});

	it('an unknown or malformed action name is 404; nothing runs', async () => {
		for (const query of ['?/nope', '?/', '?/a/b', '?/toString', '?/__proto__']) {
			const { status, headers } = await post(app, `/actions${query}`);
			expect(status, query).toBe(404);
			expect(setCookie(headers, 'touched')).toBeUndefined();
		}
		await stillUp(app);
	});

	it('a page without actions answers POST with 405 and allow: GET, HEAD', async () => {
		for (const page of ['/actions/none', '/about']) {
			const { status, headers } = await post(app, page);
			expect(status).toBe(405);
			expect(headers.get('allow')).toBe('GET, HEAD');
		}
		// Only POST runs an action: another unsafe method to a page with actions is still a 405.
		const put = await get(app, '/actions', { method: 'PUT', headers: { origin: app.url } });
		expect(put.status).toBe(405);
		expect(setCookie(put.headers, 'touched')).toBeUndefined();
	});

	it('error() in an action renders the error page with its status', async () => {
		const { status, body } = await post(app, '/actions?/refuse');
		expect(status).toBe(409);
		expect(body).toContain('Refused by the action');
	});

	it('a result devalue cannot serialize is a 500, logged naming the page file and the action', async () => {
		const { status } = await post(app, '/actions?/unserializable');
		expect(status).toBe(500);
		await logged(app, /"unserializable" of src\/routes\/actions\/index\.svelte/);
		await stillUp(app);
	});

	it('a cross-site form POST is refused with 403 before the action runs', async () => {
		const crossSite: Array<Record<string, string>> = [{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }];
		for (const headers of crossSite) {
			const { status, headers: answer } = await post(app, '/actions?/touch', {}, headers);
			expect(status).toBe(403);
			expect(setCookie(answer, 'touched')).toBeUndefined();
		}
		await stillUp(app);
	});
});
