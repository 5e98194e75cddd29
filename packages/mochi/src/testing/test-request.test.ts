import { describe, expect, it } from 'vitest';
import { getRequestContext } from '../runtime/server/context.js';
import { prepareTestRequest, withRequest } from './test-request.js';
import { state } from '../runtime/server/state.js';

describe('withRequest', () => {
	it('gives getRequestContext() the request, across awaits', async () => {
		const request = {
			url: '/products/matcha?x=1',
			method: 'POST',
			headers: { 'x-a': '1', cookie: 'first=1' },
			cookies: { name: 'Ada Lovelace' },
			locals: { user: 'ada' },
			params: { slug: 'matcha' }
		};
		const seen = await withRequest(request, async () => {
			await new Promise((resolve) => setTimeout(resolve, 1));
			const ctx = getRequestContext();
			return {
				url: ctx.url.href,
				pageUrl: ctx.pageUrl.href,
				method: ctx.request.method,
				header: ctx.request.headers.get('x-a'),
				cookies: ctx.cookies.getAll(),
				locals: ctx.locals,
				params: ctx.params
			};
		});
		expect(seen).toEqual({
			url: 'http://localhost/products/matcha?x=1',
			pageUrl: 'http://localhost/products/matcha?x=1',
			method: 'POST',
			header: '1',
			cookies: [{ name: 'first', value: '1' }, { name: 'name', value: 'Ada Lovelace' }],
			locals: { user: 'ada' },
			params: { slug: 'matcha' }
		});
	});

	it('defaults to GET http://localhost/ and resolves pageUrl against url', () => {
		withRequest({}, () => {
			expect(getRequestContext().url.href).toBe('http://localhost/');
			expect(getRequestContext().request.method).toBe('GET');
		});
		withRequest({ url: 'https://shop.test/_mochi/island/Avatar', pageUrl: '/cart' }, () => {
			expect(getRequestContext().pageUrl.href).toBe('https://shop.test/cart');
		});
	});

	it('keeps concurrent requests apart', async () => {
		// Each finishes in the reverse order of starting.
		const names = await Promise.all(
			['a', 'b', 'c'].map((name, i) =>
				withRequest({ cookies: { name } }, async () => {
					await new Promise((resolve) => setTimeout(resolve, 10 - i * 4));
					return getRequestContext().cookies.get('name');
				})
			)
		);
		expect(names).toEqual(['a', 'b', 'c']);
	});

	it('gives ctx.clientAddress 127.0.0.1 unless the test says otherwise', () => {
		expect(withRequest({}, () => getRequestContext().clientAddress)).toBe('127.0.0.1');
		expect(withRequest({ clientAddress: '2001:db8::7' }, () => getRequestContext().clientAddress)).toBe('2001:db8::7');
	});

	it("sets cookies Secure by default, as production does, unless the code says secure: false", () => {
		const prepared = prepareTestRequest({});
		state.storage.run(prepared.state, () => {
			getRequestContext().cookies.set('sid', 'abc');
			getRequestContext().cookies.set('plain', '1', { secure: false });
		});
		expect(prepared.setCookieHeaders()).toEqual(['sid=abc; Path=/; HttpOnly; Secure; SameSite=Lax', 'plain=1; Path=/; HttpOnly; SameSite=Lax']);
	});

	it('records headers and cookies in the runtime request state, with no app', () => {
		const prepared = prepareTestRequest({});
		expect(prepared.state.app).toBeNull();
		expect(() => withRequest({}, () => getRequestContext().setHeaders({ 'set-cookie': 'x=1' }))).toThrow(/cookies\.set/);
	});
});
