import { describe, expect, it } from 'vitest';
import { createRequestState } from './create-context.js';
import { fromWebRequest } from './exchange.js';
import type { RequestKind } from './context.js';

const prepare = (kind?: RequestKind) => createRequestState({ request: fromWebRequest(new Request('http://localhost/x')), kind });

describe('ctx.kind and ctx.setStatus', () => {
	it('says what answers the request, a page unless told', () => {
		expect(prepare().state.context.kind).toBe('page');
		for (const kind of ['page', 'endpoint', 'action', 'island'] as const) expect(prepare(kind).state.context.kind).toBe(kind);
	});

	it('records the status a page sets, the last call winning, and works destructured', () => {
		const prepared = prepare('page');
		expect(prepared.status).toBeNull();
		const { setStatus } = prepared.state.context;
		setStatus(404);
		setStatus(410);
		expect(prepared.status).toBe(410);
		for (const status of [200, 201, 299, 400, 451, 500, 599]) {
			setStatus(status);
			expect(prepared.status).toBe(status);
		}
		prepare('action').state.context.setStatus(422);
	});

	it.each([199, 600, 0, -1, 404.5, NaN, Infinity, '404', null, undefined])('refuses %s, naming the range', (status) => {
		const prepared = prepare('page');
		expect(() => prepared.state.context.setStatus(status as number)).toThrow(/^setStatus\(status\): status must be an integer from 200 to 599, got /);
		expect(prepared.status).toBeNull();
	});

	it('points a 3xx to redirect() and refuses a bodiless 204 or 205', () => {
		const { context } = prepare('page').state;
		expect(() => context.setStatus(301)).toThrow('setStatus(301): a 301 needs a location: throw redirect(301, location) instead');
		expect(() => context.setStatus(304)).toThrow(/needs a location/);
		expect(() => context.setStatus(204)).toThrow('setStatus(204): a 204 has no body');
		expect(() => context.setStatus(205)).toThrow(/has no body/);
	});

	it('is refused in an endpoint and an island, saying what to do instead', () => {
		expect(() => prepare('endpoint').state.context.setStatus(404)).toThrow(/An endpoint returns its own Response/);
		expect(() => prepare('island').state.context.setStatus(404)).toThrow(/throw error\(status, message\)/);
	});
});
