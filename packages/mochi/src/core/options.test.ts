import { describe, expect, it } from 'vitest';
import { resolveOptions } from './options.js';

describe('resolveOptions: islands.maxAge', () => {
	it('is off by default', () => {
		expect(resolveOptions().islands.maxAge).toBeNull();
		expect(resolveOptions({ islands: { timeout: 5000 } }).islands).toEqual({ timeout: 5000, maxAge: null, preload: true });
		expect(resolveOptions({ islands: { maxAge: null } }).islands.maxAge).toBeNull();
	});

	it('takes whole seconds', () => {
		expect(resolveOptions({ islands: { maxAge: 3600 } }).islands.maxAge).toBe(3600);
		expect(resolveOptions({ islands: { maxAge: 1 } }).islands.maxAge).toBe(1);
	});

	it.each([0, -5, 1.5, NaN, Infinity, 2 ** 32, '60' as unknown as number])('refuses %j, saying what it expects', (maxAge) => {
		expect(() => resolveOptions({ islands: { maxAge } })).toThrow(/^mochi\(\{ islands: \{ maxAge \} \}\): expected a whole number of seconds above 0/);
	});
});

describe('resolveOptions: islands.preload', () => {
	it('is on unless turned off, and refuses anything but a boolean', () => {
		expect(resolveOptions().islands.preload).toBe(true);
		expect(resolveOptions({ islands: { preload: false } }).islands.preload).toBe(false);
		expect(() => resolveOptions({ islands: { preload: 'no' as unknown as boolean } })).toThrow(/expected true or false/);
	});
});

describe('resolveOptions: server.bodyLimit', () => {
	it('is 1 MiB unless set, and false turns it off', () => {
		expect(resolveOptions().server.bodyLimit).toBe(1024 * 1024);
		expect(resolveOptions({ server: { bodyLimit: 10 } }).server.bodyLimit).toBe(10);
		expect(resolveOptions({ server: { bodyLimit: false } }).server.bodyLimit).toBe(false);
	});

	it.each([0, -1, 1.5, NaN, Infinity, '1mb' as unknown as number, true as unknown as number])('refuses %j, naming the option', (bodyLimit) => {
		expect(() => resolveOptions({ server: { bodyLimit } })).toThrow(/^mochi\(\{ server: \{ bodyLimit \} \}\): expected a whole number of bytes above 0/);
	});
});
