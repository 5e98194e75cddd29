import { describe, expect, it } from 'vitest';
import { resolveOptions } from './options.js';

describe('resolveOptions: islands.maxAge', () => {
	it('is off by default', () => {
		expect(resolveOptions().islands.maxAge).toBeNull();
		expect(resolveOptions({ islands: { timeout: 5000 } }).islands).toEqual({ timeout: 5000, maxAge: null, preload: true, stream: true });
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
		expect(resolveOptions({ islands: { stream: false } }).islands.stream).toBe(false);
		expect(() => resolveOptions({ islands: { stream: 0 as unknown as boolean } })).toThrow(/islands: \{ stream \} \}\): expected true or false, got 0/);
	});
});

describe('resolveOptions: server.bodyLimit', () => {
	it('is left to the server (1 MiB there) unless set; false and 0 turn it off', () => {
		expect(resolveOptions().server.bodyLimit).toBeUndefined();
		expect(resolveOptions({ server: { bodyLimit: 10 } }).server.bodyLimit).toBe(10);
		expect(resolveOptions({ server: { bodyLimit: false } }).server.bodyLimit).toBe(0);
	});

	it.each([-1, 1.5, NaN, Infinity, '1mb' as unknown as number, true as unknown as number])('refuses %j, naming the option', (bodyLimit) => {
		expect(() => resolveOptions({ server: { bodyLimit } })).toThrow(/^mochi\(\{ server: \{ bodyLimit \} \}\) must be a whole number of bytes/);
	});
});

describe('resolveOptions: server', () => {
	it('keeps only what the app set (defaults and MOCHI_* variables are applied where the server starts)', () => {
		expect(resolveOptions().server).toEqual({});
		expect(resolveOptions({ server: { renderTimeout: 1000, maxConnections: 0, headersTimeout: undefined } }).server).toEqual({
			renderTimeout: 1000,
			maxConnections: 0
		});
	});

	it.each([-1, 1.5, NaN, Infinity, 2 ** 31, '1000' as unknown as number, null as unknown as number])(
		'refuses renderTimeout %j, naming the option',
		(renderTimeout) => {
			expect(() => resolveOptions({ server: { renderTimeout } })).toThrow(
				/^mochi\(\{ server: \{ renderTimeout \} \}\) must be a whole number of milliseconds from 0 \(off\) to 2147483647, got /
			);
		}
	);

	it('refuses an unknown field (a typo would leave a limit at its default) and a server that is not an object', () => {
		expect(() => resolveOptions({ server: { renderTimout: 5 } as never })).toThrow(
			'mochi({ server: { renderTimout } }): unknown option. Known: renderTimeout, headersTimeout, bodyTimeout'
		);
		expect(() => resolveOptions({ server: 30 as never })).toThrow('mochi({ server }): expected an object');
		expect(() => resolveOptions({ server: { minSendRate: -5 } })).toThrow('minSendRate } }) must be a whole number of bytes per second');
	});
});
