import { describe, expect, it } from 'vitest';
import { enhancedAnswer, isEnhanced, refreshIslands } from './refresh-islands.js';
import { createRequestState } from './create-context.js';
import { fromWebRequest, type Answer } from './exchange.js';
import { state } from './state.js';

const request = (method: string, headers: Record<string, string> = {}) => fromWebRequest(new Request('http://x.test/', { method, headers }));
const redirect: Answer = { status: 303, headers: { location: '/cart', 'x-content-type-options': 'nosniff' }, cookies: ['a=1'], body: '' };

describe('refreshIslands', () => {
	it('records names in the request, once each', () => {
		const prepared = createRequestState({ request: request('POST') });
		state.storage.run(prepared.state, () => refreshIslands('CartCount', 'MiniCart', 'CartCount', 'Card-1a2b'));
		expect([...prepared.state.refresh!]).toEqual(['CartCount', 'MiniCart', 'Card-1a2b']);
	});

	it('refuses what is no island name and could break a header, and works only in a request', () => {
		const prepared = createRequestState({ request: request('POST') });
		for (const bad of ['Cart\r\nx: y', 'a,b', '', ' Cart', '../x', 'x'.repeat(101), 42, null]) {
			expect(() => state.storage.run(prepared.state, () => refreshIslands(bad as string))).toThrow(TypeError);
		}
		expect(prepared.state.refresh).toBeUndefined();
		expect(() => refreshIslands('Cart')).toThrow(/outside a request/);
	});
});

describe('enhancedAnswer', () => {
	it('turns a redirect into a 204 with x-mochi-location, keeping cookies and headers', () => {
		const answer = enhancedAnswer(redirect, new Set(['CartCount', 'MiniCart'])) as Answer;
		expect(answer).toEqual({
			status: 204,
			headers: { 'x-content-type-options': 'nosniff', 'x-mochi-location': '/cart', 'x-mochi-refresh': 'CartCount,MiniCart' },
			cookies: ['a=1'],
			body: ''
		});
	});

	it('leaves a non-redirect as it is, but for the refresh header', () => {
		const page: Answer = { status: 400, headers: { 'content-type': 'text/html' }, cookies: [], body: '<p>bad</p>' };
		expect(enhancedAnswer(page, undefined)).toBe(page);
		expect((enhancedAnswer(page, new Set(['A'])) as Answer).headers).toEqual({ 'content-type': 'text/html', 'x-mochi-refresh': 'A' });
	});

	it('does the same to a web Response (an endpoint or hook of its own)', async () => {
		const headers = new Headers({ location: '/x' });
		headers.append('set-cookie', 'a=1');
		headers.append('set-cookie', 'b=2');
		const answer = enhancedAnswer(new Response(null, { status: 302, headers }), new Set(['A'])) as Response;
		expect(answer.status).toBe(204);
		expect(answer.headers.get('location')).toBeNull();
		expect(answer.headers.get('x-mochi-location')).toBe('/x');
		expect(answer.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
		const json = enhancedAnswer(new Response('{"ok":1}', { status: 200, headers: { 'content-type': 'application/json' } }), new Set(['A'])) as Response;
		expect([json.status, json.headers.get('x-mochi-refresh'), await json.text()]).toEqual([200, 'A', '{"ok":1}']);
	});

	it('counts only non-GET requests that carry the header', () => {
		expect(isEnhanced(request('POST', { 'x-mochi-enhance': '1' }))).toBe(true);
		expect(isEnhanced(request('POST'))).toBe(false);
		expect(isEnhanced(request('GET', { 'x-mochi-enhance': '1' }))).toBe(false);
	});
});
