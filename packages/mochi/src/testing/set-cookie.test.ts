import { describe, expect, it } from 'vitest';
import { serializeCookie, type CookieOptions } from '../runtime/server/cookies.js';
import { parseSetCookie } from './set-cookie.js';

describe('parseSetCookie', () => {
	it('reads back every option the runtime writes', () => {
		const options: CookieOptions = {
			path: '/account',
			domain: 'example.com',
			maxAge: 60,
			expires: new Date('2030-01-02T03:04:05.000Z'),
			httpOnly: true,
			secure: true,
			partitioned: true,
			priority: 'high',
			sameSite: 'strict'
		};
		expect(parseSetCookie(serializeCookie('theme', 'dark; mode=ä', options))).toEqual({ name: 'theme', value: 'dark; mode=ä', options });
	});

	it('leaves out what the header does not say', () => {
		expect(parseSetCookie('a=1')).toEqual({ name: 'a', value: '1', options: {} });
	});
});
