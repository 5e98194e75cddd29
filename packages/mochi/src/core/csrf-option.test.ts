import { describe, expect, it } from 'vitest';
import { resolveOptions } from './options.js';
import type { CsrfOptions } from './csrf-option.js';

describe('resolveOptions: csrf', () => {
	it('is on by default, off with false, and normalizes trusted origins', () => {
		expect(resolveOptions().csrf).toEqual({ trustedOrigins: [] });
		expect(resolveOptions({ csrf: {} }).csrf).toEqual({ trustedOrigins: [] });
		expect(resolveOptions({ csrf: false }).csrf).toBe(false);
		expect(resolveOptions({ csrf: { trustedOrigins: ['https://pay.example', 'HTTPS://Pay.Example/', 'http://localhost:5173'] } }).csrf).toEqual({
			trustedOrigins: ['https://pay.example', 'http://localhost:5173']
		});
	});

	it.each(['pay.example', 'https://pay.example/checkout', 'https://pay.example?x', 'https://*.pay.example', '*', 'null', 'ftp://pay.example', 'https://user@pay.example', 42])(
		'refuses the trusted origin %j, naming the option',
		(origin) => {
			expect(() => resolveOptions({ csrf: { trustedOrigins: [origin as string] } })).toThrow(
				/^mochi\(\{ csrf: \{ trustedOrigins \} \}\): .* is not a bare origin\. Write each as scheme:\/\/host\[:port\]/
			);
		}
	);

	it('refuses other shapes', () => {
		expect(() => resolveOptions({ csrf: true as unknown as false })).toThrow('mochi({ csrf }): expected false or { trustedOrigins: [...] }, got true.');
		expect(() => resolveOptions({ csrf: { trustedOrigin: ['https://a.example'] } as CsrfOptions })).toThrow(
			'mochi({ csrf }): unknown option "trustedOrigin"; the only one is trustedOrigins.'
		);
		expect(() => resolveOptions({ csrf: { trustedOrigins: 'https://a.example' as unknown as string[] } })).toThrow(/expected an array of origins/);
	});
});
