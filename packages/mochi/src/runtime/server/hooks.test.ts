import { describe, expect, it } from 'vitest';
import { createHookRunner, type Hooked } from './hooks.js';
import { createRequestState, type PreparedRequest } from './create-context.js';
import { fromWebRequest, type Answer } from './exchange.js';
import { getRequestContext } from './context.js';
import { MemoryResponse } from './memory-response.js';
import type { Handle } from './sequence.js';

const page = (): Answer => ({ status: 200, headers: { 'content-type': 'text/html' }, cookies: ['page=1; Path=/'], body: '<h1>page</h1>' });

function runner(handle: unknown, lines: string[] = []) {
	return createHookRunner({ file: 'src/hooks.server.ts', module: { handle } }, (line) => lines.push(line));
}

/** One request through `handle`, whose resolve() answers `answer` (and sets a cookie, as a page would). */
async function through(handle: Handle, answer: () => Answer | Response = page) {
	const prepared = createRequestState({ request: fromWebRequest(new Request('http://localhost/x')) });
	const seen: { thrown?: unknown } = {};
	const hooked: Hooked = {
		serve: async (p: PreparedRequest) => {
			p.state.context.cookies.set('page', '1');
			return answer();
		},
		thrown: (error) => {
			seen.thrown = error;
			return { status: 599, headers: {}, cookies: [], body: 'thrown' };
		}
	};
	const result = await runner(handle)!(prepared, hooked);
	return { result, prepared, thrown: seen.thrown };
}

describe('createHookRunner', () => {
	it('is null without a hooks file, and without a handle (saying so)', () => {
		expect(createHookRunner(null, () => {})).toBeNull();
		const lines: string[] = [];
		expect(runner(undefined, lines)).toBeNull();
		expect(lines).toEqual([expect.stringContaining('src/hooks.server.ts exports no `handle`: no hook runs')]);
	});

	it('refuses a handle that is not a function, at start', () => {
		expect(() => runner({ handle: true })).toThrow('src/hooks.server.ts: `handle` must be a function (ctx, resolve) => Response, got Object.');
		expect(() => runner('resolve')).toThrow('got string');
	});

	it('runs the handle inside the request context, with ctx as getRequestContext() gives it', async () => {
		let same = false;
		await through((ctx, resolve) => ((same = getRequestContext() === ctx), resolve()));
		expect(same).toBe(true);
	});

	it('gives back the very Answer resolve() made when the hook returns its Response untouched', async () => {
		const answer = page();
		const { result } = await through((_, resolve) => resolve(), () => answer);
		expect(result).toBe(answer);
	});

	it('gives back an Answer with the headers a hook changed on that Response', async () => {
		const { result } = await through(async (_, resolve) => {
			const response = await resolve();
			expect(response).toBeInstanceOf(MemoryResponse);
			response.headers.set('x-frame-options', 'DENY');
			return response;
		});
		expect(result).toEqual({ ...page(), headers: { 'content-type': 'text/html', 'x-frame-options': 'DENY' } });
	});

	it('passes a Response the hook made on its own through, with the cookies and headers set on ctx', async () => {
		const { result } = await through((ctx) => {
			ctx.cookies.set('own', 'yes');
			ctx.setHeaders({ 'x-ctx': '1' });
			return Response.redirect('http://localhost/elsewhere', 302);
		});
		expect(result).toBeInstanceOf(Response);
		const response = result as Response;
		expect(response.status).toBe(302);
		expect(response.headers.get('location')).toBe('http://localhost/elsewhere');
		expect(response.headers.get('x-ctx')).toBe('1');
		expect(response.headers.getSetCookie()).toEqual([expect.stringMatching(/^own=yes;/)]);
	});

	it('leaves a Response alone when the context has nothing more for it', async () => {
		const own = new Response('mine');
		expect((await through(() => own)).result).toBe(own);
	});

	it('adds cookies and headers set after resolve(), once each', async () => {
		const { result } = await through(async (ctx, resolve) => {
			ctx.cookies.set('before', '1');
			const response = await resolve();
			ctx.cookies.set('after', '2');
			ctx.setHeaders({ 'x-after': 'yes' });
			return response;
		});
		const answer = result as Answer;
		expect(answer.cookies.map((c) => c.split(';')[0])).toEqual(['page=1', 'after=2']);
		expect(answer.headers['x-after']).toBe('yes');
	});

	it('adds them to an endpoint Response too, copying its headers (they may be immutable)', async () => {
		const { result } = await through(
			async (ctx, resolve) => {
				const response = await resolve();
				ctx.cookies.set('after', '2');
				return response;
			},
			() => Response.redirect('http://localhost/a', 303)
		);
		expect((result as Response).headers.getSetCookie()).toEqual([expect.stringMatching(/^after=2;/)]);
		expect((result as Response).headers.get('location')).toBe('http://localhost/a');
	});

	it('hands what the hook throws, or a wrong return, to `thrown`', async () => {
		const boom = new Error('boom');
		expect((await through(() => { throw boom; })).thrown).toBe(boom);
		const missing = await through(async (_, resolve) => void (await resolve()) as unknown as Response);
		expect(String(missing.thrown)).toContain('src/hooks.server.ts: handle must return a Response, got undefined. Did you forget `return resolve()`?');
		const read = await through(async (_, resolve) => {
			const response = await resolve();
			await response.text();
			return response;
		});
		expect(String(read.thrown)).toContain('handle returned a Response whose body was already read');
		const twice = await through(async (_, resolve) => (await resolve(), resolve()));
		expect(String(twice.thrown)).toContain('resolve() was called twice for one request');
	});
});
