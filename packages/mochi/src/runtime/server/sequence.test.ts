import { describe, expect, it } from 'vitest';
import { sequence, type Handle } from './sequence.js';
import type { RequestContext } from './context.js';

const ctx = { locals: {} } as RequestContext;

/** A handle that records when it runs, before and after its resolve(). */
function tracing(name: string, events: string[]): Handle {
	return async (_, resolve) => {
		events.push(`${name} in`);
		const response = await resolve();
		events.push(`${name} out`);
		return response;
	};
}

describe('sequence', () => {
	it('runs handles in order before resolve() and in reverse after it', async () => {
		const events: string[] = [];
		const handle = sequence(tracing('a', events), tracing('b', events), tracing('c', events));
		const response = await handle(ctx, async () => {
			events.push('page');
			return new Response('page');
		});
		expect(events).toEqual(['a in', 'b in', 'c in', 'page', 'c out', 'b out', 'a out']);
		expect(await response.text()).toBe('page');
	});

	it('lets a handle answer on its own: the handles after it and the page never run', async () => {
		const events: string[] = [];
		const stop: Handle = () => {
			events.push('stop');
			return new Response('stopped', { status: 403 });
		};
		const handle = sequence(tracing('a', events), stop, tracing('never', events));
		const response = await handle(ctx, async () => {
			events.push('page');
			return new Response('page');
		});
		expect(response.status).toBe(403);
		expect(events).toEqual(['a in', 'stop', 'a out']);
	});

	it('gives each handle the response of the ones after it, changed or replaced', async () => {
		const header: Handle = async (_, resolve) => {
			const response = await resolve();
			response.headers.set('x-outer', response.headers.get('x-inner') ?? 'none');
			return response;
		};
		const replace: Handle = async (_, resolve) => {
			const response = await resolve();
			return new Response((await response.text()).toUpperCase(), { headers: { 'x-inner': 'replaced' } });
		};
		const response = await sequence(header, replace)(ctx, async () => new Response('page'));
		expect(await response.text()).toBe('PAGE');
		expect(response.headers.get('x-outer')).toBe('replaced');
	});

	it('shares one context: what one handle puts in locals the next one reads', async () => {
		const set: Handle = (c, resolve) => ((c.locals.user = 'Ada'), resolve());
		let seen: unknown;
		const read: Handle = (c, resolve) => ((seen = c.locals.user), resolve());
		await sequence(set, read)({ locals: {} } as RequestContext, async () => new Response(''));
		expect(seen).toBe('Ada');
	});

	it('passes a throw from any handle or the page to the handles around it', async () => {
		const events: string[] = [];
		const catching: Handle = async (_, resolve) => {
			try {
				return await resolve();
			} catch (error) {
				events.push(`caught ${(error as Error).message}`);
				return new Response('recovered');
			}
		};
		const throwing: Handle = () => {
			throw new Error('boom');
		};
		const response = await sequence(catching, throwing)(ctx, async () => new Response('page'));
		expect(await response.text()).toBe('recovered');
		expect(events).toEqual(['caught boom']);
		await expect(sequence(tracing('a', []))(ctx, () => Promise.reject(new Error('page failed')))).rejects.toThrow('page failed');
	});

	it('with no handles is resolve() itself, and one handle is that handle', async () => {
		expect(await (await sequence()(ctx, async () => new Response('page'))).text()).toBe('page');
		const events: string[] = [];
		await sequence(tracing('only', events))(ctx, async () => new Response(''));
		expect(events).toEqual(['only in', 'only out']);
	});

	it('refuses what is not a function when it is called, naming its place', () => {
		const ok: Handle = (_, resolve) => resolve();
		expect(() => sequence(ok, undefined as unknown as Handle)).toThrow('sequence(...handles): handle 2 of 2 is undefined, not a function');
		expect(() => sequence({} as Handle)).toThrow('handle 1 of 1 is object');
		expect(() => sequence([ok] as unknown as Handle)).toThrow('is an array');
	});
});
