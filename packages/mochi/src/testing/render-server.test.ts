// renderServer's status, redirects and `handle` option, on components compiled here for the server.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile } from 'svelte/compiler';
import { renderServer } from './render-server.js';
import { sequence, type Handle } from '../runtime/server/sequence.js';
import { error, HttpError } from '../runtime/server/http-error.js';
import { redirect } from '../runtime/server/redirect.js';

const require = createRequire(import.meta.url);
const internal = pathToFileURL(require.resolve('svelte/internal/server')).href;
const framework = pathToFileURL(path.resolve(import.meta.dirname, '../exports/index.ts')).href;

/** A server-compiled component whose `mochi-framework` is this source tree's. */
async function component(name: string, source: string) {
	const code = compile(source, { generate: 'server', filename: `${name}.svelte`, experimental: { async: true } })
		.js.code.replaceAll("'svelte/internal/server'", `'${internal}'`)
		.replaceAll("'mochi-framework'", `'${framework}'`);
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'mochi-render-server-')), `${name}.js`);
	writeFileSync(file, code);
	return (await import(/* @vite-ignore */ pathToFileURL(file).href)).default;
}

const Account = await component(
	'Account',
	`<script>
	import { getRequestContext } from 'mochi-framework';
	const ctx = getRequestContext();
	if (!ctx.locals.user) ctx.setStatus(401);
	ctx.cookies.set('seen', 'yes');
</script>
<h1>{ctx.locals.user ?? 'nobody'} ({ctx.kind})</h1>`
);
const Guarded = await component(
	'Guarded',
	`<script>
	import { getRequestContext, redirect } from 'mochi-framework';
	getRequestContext().cookies.set('before', '1');
	redirect(303, '/login');
</script>
<p>never</p>`
);

const Echo = await component(
	'Echo',
	`<script>
	import { getRequestContext } from 'mochi-framework';
	const ctx = getRequestContext();
	const sent = ctx.request.method === 'POST' ? await ctx.request.formData() : null;
</script>
<p>{ctx.request.method}: {sent?.get('name') ?? 'nothing'}</p>`
);

const session: Handle = (ctx, resolve) => {
	ctx.locals.user = ctx.cookies.get('user') ?? null;
	return resolve();
};

describe('renderServer', () => {
	it('reports the status: 200, or what setStatus() set', async () => {
		expect((await renderServer(Account, { request: { locals: { user: 'Ada' } } })).status).toBe(200);
		const anonymous = await renderServer(Account);
		expect(anonymous.status).toBe(401);
		expect(anonymous.body).toContain('<h1>nobody (page)</h1>');
	});

	it('gives a redirect as its status and location, with the cookies set before it', async () => {
		const rendered = await renderServer(Guarded);
		expect(rendered.status).toBe(303);
		expect(rendered.headers.get('location')).toBe('/login');
		expect(rendered.body).toBe('');
		expect(rendered.cookies.map((cookie) => cookie.name)).toEqual(['before']);
	});

	it('runs `handle` around the render: its locals reach the component', async () => {
		const rendered = await renderServer(Account, { handle: session, request: { cookies: { user: 'Ada' } } });
		expect(rendered.status).toBe(200);
		expect(rendered.body).toContain('<h1>Ada (page)</h1>');
		expect(rendered.cookies.map((cookie) => cookie.name)).toEqual(['seen']);
	});

	it('gives back what the hook made of the response: headers, cookies set after resolve(), a new status', async () => {
		const framing: Handle = async (ctx, resolve) => {
			const response = await resolve();
			response.headers.set('x-frame-options', 'DENY');
			ctx.cookies.set('late', '1');
			return response;
		};
		const rendered = await renderServer(Account, { handle: sequence(session, framing), request: { cookies: { user: 'Ada' } } });
		expect(rendered.headers.get('x-frame-options')).toBe('DENY');
		expect(rendered.cookies.map((cookie) => cookie.name)).toEqual(['seen', 'late']);
		const teapot = await renderServer(Account, { handle: async (_, resolve) => new Response(await (await resolve()).text(), { status: 418 }) });
		expect(teapot.status).toBe(418);
		expect(teapot.body).toContain('<h1>nobody (page)</h1>');
	});

	it('gives what a hook answers on its own, or redirects to, without rendering', async () => {
		const own = await renderServer(Account, { handle: () => new Response('blocked', { status: 403 }) });
		expect(own).toMatchObject({ status: 403, body: 'blocked', head: '' });
		const guard: Handle = (ctx, resolve) => (ctx.locals.user ? resolve() : redirect(303, '/login'));
		const redirected = await renderServer(Account, { handle: sequence(session, guard) });
		expect(redirected.status).toBe(303);
		expect(redirected.headers.get('location')).toBe('/login');
		expect(redirected.cookies).toEqual([]);
	});

	it('renders with the request body a test sends: a POST of a form', async () => {
		expect((await renderServer(Echo, { request: { form: { name: 'Ada' } } })).body).toContain('<p>POST: Ada</p>');
		expect((await renderServer(Echo)).body).toContain('<p>GET: nothing</p>');
	});

	it('throws what error() or a crash in the hook throws: there is no error page without an app', async () => {
		await expect(renderServer(Account, { handle: () => error(403, 'No') })).rejects.toBeInstanceOf(HttpError);
		await expect(
			renderServer(Account, {
				handle: () => {
					throw new Error('hook broke');
				}
			})
		).rejects.toThrow('hook broke');
	});
});
