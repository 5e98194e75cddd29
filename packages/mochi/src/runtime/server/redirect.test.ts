import { describe, expect, it } from 'vitest';
import { Redirect, redirect, type RedirectStatus } from './redirect.js';

function thrown(fn: () => unknown): unknown {
	try {
		fn();
	} catch (value) {
		return value;
	}
	throw new Error('expected a throw');
}

describe('redirect', () => {
	it.each([301, 302, 303, 307, 308] as const)('throws a Redirect for %i', (status) => {
		const value = thrown(() => redirect(status, '/login?next=%2Faccount'));
		expect(value).toBeInstanceOf(Redirect);
		expect(value).toEqual({ status, location: '/login?next=%2Faccount' });
	});

	it.each([300, 304, 305, 306, 200, 404, 500, 303.5, NaN, '303', null, undefined])('refuses status %s with a TypeError', (status) => {
		const value = thrown(() => redirect(status as RedirectStatus, '/'));
		expect(value).toBeInstanceOf(TypeError);
		expect((value as Error).message).toMatch(/^redirect\(status, location\): status must be 301, 302, 303, 307 or 308, got /);
	});

	it('names the string status that looks like a number', () => {
		expect(() => redirect('303' as unknown as RedirectStatus, '/')).toThrow('got "303"');
	});

	it.each([
		['CR', '/a\rb', '000D', 2],
		['LF', '/a\nset-cookie: x=1', '000A', 2],
		['CRLF', '/ok\r\nx-injected: 1', '000D', 3],
		['NUL', '/a\u0000', '0000', 2],
		['tab', '/a\tb', '0009', 2],
		['ESC', '\u001b[31m/', '001B', 0],
		['DEL', '/a\u007f', '007F', 2]
	])('refuses a location with %s, naming the character and where it is', (_, location, code, index) => {
		const value = thrown(() => redirect(303, location));
		expect(value).toBeInstanceOf(TypeError);
		expect((value as Error).message).toContain(`control character (U+${code} at ${index})`);
	});

	it('refuses an empty or non-string location', () => {
		for (const location of ['', null, undefined, 42, {}]) {
			expect(() => redirect(303, location as string)).toThrow(/location must be a non-empty string or a URL/);
		}
	});

	it('takes absolute URLs, URL objects and query strings as they are', () => {
		expect(thrown(() => redirect(302, 'https://example.com/a?b=c#d'))).toEqual({ status: 302, location: 'https://example.com/a?b=c#d' });
		expect(thrown(() => redirect(307, new URL('https://example.com/x y')))).toEqual({ status: 307, location: 'https://example.com/x%20y' });
		expect(thrown(() => redirect(303, '?/signOut'))).toEqual({ status: 303, location: '?/signOut' });
	});

	it('percent-encodes characters a header cannot carry, and refuses a lone surrogate', () => {
		expect(thrown(() => redirect(303, '/café/日本?q=ü'))).toEqual({ status: 303, location: '/caf%C3%A9/%E6%97%A5%E6%9C%AC?q=%C3%BC' });
		expect(() => redirect(303, '/a\ud800')).toThrow(/lone surrogate/);
		// Already-encoded text is left alone (encodeURI only touches what it is given: non-ASCII runs).
		expect(thrown(() => redirect(303, '/caf%C3%A9'))).toEqual({ status: 303, location: '/caf%C3%A9' });
	});
});
