import { describe, expect, it } from 'vitest';
import { createCookies, parseCookieHeader, serializeCookie } from './cookies.js';

function setup(url = 'https://example.com/account/settings', cookie?: string, secure?: boolean) {
	const u = new URL(url);
	return createCookies(() => cookie ?? null, u, secure);
}

describe('parseCookieHeader', () => {
	it('reads name=value pairs, trimming spaces', () => {
		expect([...parseCookieHeader('a=1; b=two ;c = 3')]).toEqual([['a', '1'], ['b', 'two'], ['c', '3']]);
	});

	it.each([null, '', ';', ' ; ; '])('gives an empty map for %j', (header) => {
		expect(parseCookieHeader(header).size).toBe(0);
	});

	it('skips pairs without = or with an empty name', () => {
		expect([...parseCookieHeader('junk; =x; a=1; ;b')]).toEqual([['a', '1']]);
	});

	it('keeps the first occurrence of a name', () => {
		expect(parseCookieHeader('a=first; a=second').get('a')).toBe('first');
	});

	it('keeps everything after the first =', () => {
		expect(parseCookieHeader('t=a=b==').get('t')).toBe('a=b==');
	});

	it('allows empty values and strips one pair of quotes', () => {
		const cookies = parseCookieHeader('e=; q="quoted"; h="; x=""');
		expect(cookies.get('e')).toBe('');
		expect(cookies.get('q')).toBe('quoted');
		expect(cookies.get('h')).toBe('"');
		expect(cookies.get('x')).toBe('');
	});

	it('decodes %XX escapes and keeps the raw value when they are malformed', () => {
		const cookies = parseCookieHeader('u=caf%C3%A9%20%F0%9F%8D%A1; bad=100%; half=%E0%A4; plus=a+b');
		expect(cookies.get('u')).toBe('café 🍡');
		expect(cookies.get('bad')).toBe('100%');
		expect(cookies.get('half')).toBe('%E0%A4');
		expect(cookies.get('plus')).toBe('a+b');
	});

	it('never throws on junk', () => {
		for (const header of ['%', '=%', '==;;==', '\u0000=\uD800', 'a=%ZZ%', ';'.repeat(10000)]) {
			expect(() => parseCookieHeader(header)).not.toThrow();
		}
		expect(() => parseCookieHeader(undefined as unknown as null)).not.toThrow();
	});
});

describe('serializeCookie', () => {
	it('writes a bare cookie', () => {
		expect(serializeCookie('a', 'b', {})).toBe('a=b');
	});

	it('encodes the value with encodeURIComponent', () => {
		expect(serializeCookie('a', 'x; y=z, "é"', {})).toBe('a=x%3B%20y%3Dz%2C%20%22%C3%A9%22');
		expect(parseCookieHeader(serializeCookie('a', 'x; y=z, "é"', {})).get('a')).toBe('x; y=z, "é"');
	});

	it('writes every option', () => {
		const expires = new Date(Date.UTC(2030, 0, 2, 3, 4, 5));
		expect(
			serializeCookie('sid', 'v', {
				maxAge: 3600.7,
				domain: '.Example.com',
				path: '/app',
				expires,
				httpOnly: true,
				secure: true,
				partitioned: true,
				priority: 'high',
				sameSite: 'none'
			})
		).toBe(
			'sid=v; Max-Age=3600; Domain=.Example.com; Path=/app; Expires=Wed, 02 Jan 2030 03:04:05 GMT; HttpOnly; Secure; Partitioned; Priority=High; SameSite=None'
		);
	});

	it.each([
		[{ sameSite: true }, 'a=b; SameSite=Strict'],
		[{ sameSite: false }, 'a=b'],
		[{ sameSite: 'lax' }, 'a=b; SameSite=Lax'],
		[{ sameSite: 'strict' }, 'a=b; SameSite=Strict'],
		[{ priority: 'low' }, 'a=b; Priority=Low'],
		[{ priority: 'medium' }, 'a=b; Priority=Medium'],
		[{ httpOnly: false, secure: false, partitioned: false }, 'a=b'],
		[{ maxAge: 0 }, 'a=b; Max-Age=0'],
		[{ maxAge: -1 }, 'a=b; Max-Age=-1'],
		[{ path: '' }, 'a=b; Path=']
	] as const)('writes %j', (options, expected) => {
		expect(serializeCookie('a', 'b', options)).toBe(expected);
	});

	it.each(['', 'a b', 'a;b', 'a=b', 'a,b', '"a"', 'a\tb', 'é', 'a(b)', 'a/b', 'a@b', 'a\nb'])('refuses the name %j', (name) => {
		expect(() => serializeCookie(name, 'v', {})).toThrow(/Invalid cookie name/);
	});

	it('accepts every token character in a name', () => {
		expect(serializeCookie("!#$%&'*+-.^_`|~Az09", 'v', {})).toBe("!#$%&'*+-.^_`|~Az09=v");
	});

	it.each([
		[{ maxAge: Infinity }, /maxAge/],
		[{ maxAge: NaN }, /maxAge/],
		[{ maxAge: '60' as unknown as number }, /maxAge/],
		[{ domain: 'exa mple.com' }, /domain/],
		[{ domain: 'example.com;secure' }, /domain/],
		[{ domain: '-bad.com' }, /domain/],
		[{ path: '/a;b' }, /path/],
		[{ path: '/a\nb' }, /path/],
		[{ path: '/é' }, /path/],
		[{ expires: new Date(NaN) }, /expires/],
		[{ expires: 0 as unknown as Date }, /expires/],
		[{ sameSite: 'sometimes' as 'lax' }, /sameSite/],
		[{ priority: 'urgent' as 'high' }, /priority/]
	])('refuses %j', (options, message) => {
		expect(() => serializeCookie('a', 'b', options)).toThrow(TypeError);
		expect(() => serializeCookie('a', 'b', options)).toThrow(message);
	});

	it('refuses a value with a lone surrogate, with a TypeError that names the cookie', () => {
		expect(() => serializeCookie('a', '\uD800', {})).toThrow(/cookie "a"/);
	});
});

describe('createCookies', () => {
	it('reads the request cookies', () => {
		const { cookies } = setup(undefined, 'a=1; b=caf%C3%A9');
		expect(cookies.get('a')).toBe('1');
		expect(cookies.get('b')).toBe('café');
		expect(cookies.get('missing')).toBeUndefined();
		expect(cookies.getAll()).toEqual([
			{ name: 'a', value: '1' },
			{ name: 'b', value: 'café' }
		]);
	});

	it('works without a cookie header', () => {
		const { cookies, setCookieHeaders } = setup();
		expect(cookies.getAll()).toEqual([]);
		expect(setCookieHeaders()).toEqual([]);
	});

	it('defaults to Path=/, HttpOnly, Secure and SameSite=Lax', () => {
		const { cookies, setCookieHeaders } = setup();
		cookies.set('sid', 'abc');
		expect(setCookieHeaders()).toEqual(['sid=abc; Path=/; HttpOnly; Secure; SameSite=Lax']);
	});

	it('lets options override the defaults, and treats undefined as the default', () => {
		const { cookies, setCookieHeaders } = setup();
		cookies.set('theme', 'dark', { httpOnly: false, sameSite: 'strict', path: '/docs', maxAge: 60 });
		cookies.set('x', '1', { path: undefined, secure: undefined });
		expect(setCookieHeaders()).toEqual([
			'theme=dark; Max-Age=60; Path=/docs; Secure; SameSite=Strict',
			'x=1; Path=/; HttpOnly; Secure; SameSite=Lax'
		]);
	});

	// The request URL's host and scheme come from the client (Host) or say http behind a TLS proxy: they never
	// decide the default, which the app fixes at start (on in production, off in dev).
	it.each(['http://localhost:5173/', 'http://127.0.0.1:3000/', 'http://[::1]:3000/', 'http://example.com/', 'https://localhost/'])(
		'keeps Secure by default whatever the URL says (%s)',
		(url) => {
			const { cookies, setCookieHeaders } = setup(url);
			cookies.set('sid', 'abc');
			expect(setCookieHeaders()).toEqual(['sid=abc; Path=/; HttpOnly; Secure; SameSite=Lax']);
		}
	);

	it.each(['http://localhost:5173/', 'https://shop.example/'])('drops Secure by default when the app says so (%s)', (url) => {
		const { cookies, setCookieHeaders } = setup(url, undefined, false);
		cookies.set('sid', 'abc');
		expect(setCookieHeaders()).toEqual(['sid=abc; Path=/; HttpOnly; SameSite=Lax']);
	});

	it('lets an explicit secure option win over either default', () => {
		const off = setup('http://localhost:5173/', undefined, false);
		off.cookies.set('sid', 'abc', { secure: true });
		expect(off.setCookieHeaders()[0]).toContain('; Secure');
		const on = setup('https://shop.example/', undefined, true);
		on.cookies.set('sid', 'abc', { secure: false });
		expect(on.setCookieHeaders()[0]).not.toContain('Secure');
	});

	it('sees values set during the request', () => {
		const { cookies } = setup(undefined, 'a=old; b=kept');
		cookies.set('a', 'new value');
		cookies.set('c', 'added');
		expect(cookies.get('a')).toBe('new value');
		expect(cookies.getAll()).toEqual([
			{ name: 'a', value: 'new value' },
			{ name: 'b', value: 'kept' },
			{ name: 'c', value: 'added' }
		]);
	});

	it('forgets deleted cookies and sends an expiring header', () => {
		const { cookies, setCookieHeaders } = setup(undefined, 'a=1; b=2');
		cookies.delete('a');
		expect(cookies.get('a')).toBeUndefined();
		expect(cookies.getAll()).toEqual([{ name: 'b', value: '2' }]);
		expect(setCookieHeaders()).toEqual(['a=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax']);
	});

	it('can set a cookie again after deleting it, and delete one it set', () => {
		const { cookies, setCookieHeaders } = setup();
		cookies.delete('a');
		cookies.set('a', 'back');
		expect(cookies.get('a')).toBe('back');
		cookies.set('b', '1');
		cookies.delete('b');
		expect(cookies.get('b')).toBeUndefined();
		expect(setCookieHeaders()).toEqual([
			'a=back; Path=/; HttpOnly; Secure; SameSite=Lax',
			'b=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax'
		]);
	});

	it('treats an Expires in the past as a deletion', () => {
		const { cookies } = setup(undefined, 'a=1');
		cookies.set('a', '2', { expires: new Date(0) });
		expect(cookies.get('a')).toBeUndefined();
	});

	it('keeps the last of several sets with the same name, path and domain', () => {
		const { cookies, setCookieHeaders } = setup();
		cookies.set('a', '1');
		cookies.set('a', '2', { maxAge: 10 });
		cookies.set('a', '3', { domain: 'example.com' });
		cookies.set('a', '4', { domain: '.EXAMPLE.com' }); // the same domain to a browser
		cookies.set('a', '5', { path: '/account' });
		expect(setCookieHeaders()).toEqual([
			'a=2; Max-Age=10; Path=/; HttpOnly; Secure; SameSite=Lax',
			'a=4; Domain=.EXAMPLE.com; Path=/; HttpOnly; Secure; SameSite=Lax',
			'a=5; Path=/account; HttpOnly; Secure; SameSite=Lax'
		]);
		expect(cookies.get('a')).toBe('5');
	});

	it('only sees cookies set for paths and domains that cover this URL', () => {
		const { cookies } = setup('https://shop.example.com/account/settings', 'a=sent');
		cookies.set('a', 'elsewhere', { path: '/admin' });
		cookies.set('a', 'prefix-only', { path: '/acc' });
		cookies.set('a', 'other-site', { domain: 'example.org' });
		expect(cookies.get('a')).toBe('sent');
		cookies.set('a', 'parent-domain', { domain: 'example.com', path: '/account/' });
		expect(cookies.get('a')).toBe('parent-domain');
		expect(cookies.getAll()).toEqual([{ name: 'a', value: 'parent-domain' }]);
	});

	it('throws at the set call for an invalid name or option, and records nothing', () => {
		const { cookies, setCookieHeaders } = setup();
		expect(() => cookies.set('bad name', 'v')).toThrow(TypeError);
		expect(() => cookies.set('a', 'v', { maxAge: Infinity })).toThrow(TypeError);
		expect(() => cookies.delete('a;b')).toThrow(TypeError);
		expect(setCookieHeaders()).toEqual([]);
	});

	it('round-trips any value through the header', () => {
		const { cookies, setCookieHeaders } = setup();
		const value = 'a; b=c, "d" \\ é 🍡 %41';
		cookies.set('v', value);
		expect(cookies.get('v')).toBe(value);
		const [header] = setCookieHeaders();
		expect(parseCookieHeader(header.split(';')[0]).get('v')).toBe(value);
	});
});
