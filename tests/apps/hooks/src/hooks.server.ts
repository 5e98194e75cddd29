// The hooks of the hooks suites (tests/integration/hooks*.test.ts, tests/e2e-hooks). One sequence,
// outermost first: `headers` sees every answer the others give (not what they throw).
import { error, getRequestContext, redirect, sequence, type Handle } from 'mochi-framework';

/** Marks every answer it sees: the kind of request, the status, and that getRequestContext() is this ctx. */
const headers: Handle = async (ctx, resolve) => {
	const response = await resolve();
	// What `?hook=no-return` gives back is not a Response: Mochi itself must say so.
	if (!(response instanceof Response)) return response;
	response.headers.set('x-frame-options', 'DENY');
	response.headers.set('x-hook-kind', ctx.kind);
	response.headers.set('x-hook-saw-status', String(response.status));
	response.headers.set('x-hook-context', getRequestContext() === ctx ? 'same' : 'different');
	response.headers.set('x-hook-version', '1');
	return response;
};

/** Loads the visitor into locals, and guards /account. */
const session: Handle = async (ctx, resolve) => {
	ctx.locals.user = ctx.cookies.get('user') ?? null;
	if (ctx.url.pathname.startsWith('/account') && !ctx.locals.user) redirect(303, '/login');
	// An island on the guarded islands page is guarded too (its page comes from the Referer).
	if (ctx.kind === 'island' && ctx.pageUrl.pathname === '/islands/guarded' && !ctx.locals.user) redirect(303, '/login');
	return resolve();
};

/** What a hook can do besides resolve(), on any URL with `?hook=…` (pages, endpoints, islands, 404s). */
const special: Handle = async (ctx, resolve) => {
	switch (ctx.url.searchParams.get('hook')) {
		case 'own':
			ctx.cookies.set('own', 'yes');
			ctx.setHeaders({ 'x-own-header': 'from ctx' });
			return new Response('answered by the hook', { status: 418, headers: { 'content-type': 'text/plain', 'x-own': '1' } });
		case 'error':
			error(403, 'Forbidden by the hook');
		case 'redirect':
			ctx.cookies.set('hook-redirect', 'yes');
			redirect(307, '/about');
		case 'crash':
			throw new Error('the hook crashed on purpose');
		case 'crlf':
			redirect(303, '/about\r\nx-injected: 1');
		case 'no-return':
			await resolve();
			return undefined as unknown as Response;
		case 'twice':
			await resolve();
			return resolve();
		case 'read-body': {
			const response = await resolve();
			await response.text();
			return response;
		}
		case 'replace': {
			const response = await resolve();
			const text = await response.text();
			return new Response(text.replace('[about]', '[about, rewritten by the hook]'), { status: 203, headers: response.headers });
		}
		case 'late': {
			const response = await resolve();
			ctx.cookies.set('late', 'yes');
			ctx.setHeaders({ 'x-late': 'yes' });
			return response;
		}
		case 'hang':
			// Never settles: the render timeout must still answer.
			return new Promise<Response>(() => {});
		case 'nonce': {
			const response = await resolve();
			response.headers.set('x-hook-nonce', String(ctx.cspNonce));
			return response;
		}
		case 'status':
			// A page's status, set before it renders.
			ctx.setStatus(451);
			return resolve();
		default:
			return resolve();
	}
};

export const handle = sequence(headers, session, special);
