import { describe, expect, it } from 'vitest';
import { ConfigError, parseWorkers, proxyFromEnv } from './env.js';

describe('parseWorkers', () => {
	it('defaults to 1 and reads whole numbers', () => {
		expect(parseWorkers(undefined)).toBe(1);
		expect(parseWorkers('')).toBe(1);
		expect(parseWorkers(' 4 ')).toBe(4);
	});

	it('refuses anything that is not a sane count, naming where it came from', () => {
		for (const value of ['0', '-1', '1.5', 'two', '1e2', '0x2', '257']) {
			expect(() => parseWorkers(value, '--workers'), value).toThrow(ConfigError);
		}
		expect(() => parseWorkers('0', '--workers')).toThrow('--workers must be a whole number from 1 to 256, got "0"');
	});
});

describe('proxyFromEnv', () => {
	it('trusts nothing by default', () => {
		expect(proxyFromEnv({})).toEqual({ trustProxy: false, origin: undefined, xffDepth: 1 });
	});

	it('reads MOCHI_TRUST_PROXY and ORIGIN', () => {
		expect(proxyFromEnv({ MOCHI_TRUST_PROXY: '1' }).trustProxy).toBe(true);
		expect(proxyFromEnv({ MOCHI_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
		expect(proxyFromEnv({ MOCHI_TRUST_PROXY: '0' }).trustProxy).toBe(false);
		expect(proxyFromEnv({ ORIGIN: 'https://shop.example' }).origin).toBe('https://shop.example');
		expect(proxyFromEnv({ ORIGIN: 'https://shop.example:8443/' }).origin).toBe('https://shop.example:8443');
	});

	it('reads MOCHI_XFF_DEPTH, refusing anything but a sane count', () => {
		expect(proxyFromEnv({ MOCHI_XFF_DEPTH: '' }).xffDepth).toBe(1);
		expect(proxyFromEnv({ MOCHI_XFF_DEPTH: ' 2 ' }).xffDepth).toBe(2);
		for (const value of ['0', '-1', '1.5', 'two', '1e1', '33']) {
			expect(() => proxyFromEnv({ MOCHI_XFF_DEPTH: value }), value).toThrow(
				`MOCHI_XFF_DEPTH must be a whole number from 1 to 32 (the proxies in front of the server that append to X-Forwarded-For), got "${value}"`
			);
		}
	});

	it('refuses a value it would otherwise misread', () => {
		expect(() => proxyFromEnv({ MOCHI_TRUST_PROXY: 'yes' })).toThrow('MOCHI_TRUST_PROXY must be 1 or 0');
		for (const origin of ['shop.example', 'ftp://shop.example', 'https://shop.example/app', 'https://user@shop.example']) {
			expect(() => proxyFromEnv({ ORIGIN: origin }), origin).toThrow('ORIGIN must be a bare http(s) origin');
		}
	});
});
