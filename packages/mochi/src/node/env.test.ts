import { describe, expect, it } from 'vitest';
import { ConfigError, SERVER_SETTINGS, parseWorkers, proxyFromEnv, serverSettings } from './env.js';

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

describe('serverSettings', () => {
	const defaults = {
		renderTimeout: 30_000,
		headersTimeout: 20_000,
		bodyTimeout: 60_000,
		keepAliveTimeout: 5_000,
		sendTimeout: 30_000,
		minSendRate: 1024,
		maxConnections: 0,
		bodyLimit: 1024 * 1024
	};

	it('has a default for each setting', () => {
		expect(serverSettings({})).toEqual(defaults);
		expect(serverSettings({}, {})).toEqual(defaults);
	});

	it('takes mochi({ server }) over the default, and a variable over both', () => {
		expect(serverSettings({}, { renderTimeout: 1000, maxConnections: 500 })).toEqual({ ...defaults, renderTimeout: 1000, maxConnections: 500 });
		const env = { MOCHI_RENDER_TIMEOUT: ' 2500 ', MOCHI_SEND_TIMEOUT: '0', MOCHI_MIN_SEND_RATE: '4096' };
		expect(serverSettings(env, { renderTimeout: 1000, sendTimeout: 10_000 })).toEqual({
			...defaults,
			renderTimeout: 2500,
			sendTimeout: 0,
			minSendRate: 4096
		});
		// Empty is unset, as for every other variable.
		expect(serverSettings({ MOCHI_HEADERS_TIMEOUT: '' }, { headersTimeout: 7000 }).headersTimeout).toBe(7000);
	});

	it('reads every variable listed in SERVER_SETTINGS', () => {
		const env = Object.fromEntries(Object.values(SERVER_SETTINGS).map((setting, i) => [setting.env, String(60_000 + i)]));
		expect(Object.values(serverSettings(env))).toEqual(Object.values(SERVER_SETTINGS).map((_, i) => 60_000 + i));
	});

	it.each(['abc', '-1', '1.5', '1e3', '0x10', '10ms', '2147483648', '١٠٠'])('refuses MOCHI_BODY_TIMEOUT=%s, naming the variable', (value) => {
		expect(() => serverSettings({ MOCHI_BODY_TIMEOUT: value })).toThrow(ConfigError);
		expect(() => serverSettings({ MOCHI_BODY_TIMEOUT: value })).toThrow(
			`MOCHI_BODY_TIMEOUT must be a whole number of milliseconds from 0 (off) to 2147483647, got "${value}"`
		);
	});

	it('names the unit of settings that are not times', () => {
		expect(() => serverSettings({ MOCHI_MAX_CONNECTIONS: 'lots' })).toThrow('MOCHI_MAX_CONNECTIONS must be a whole number of connections');
		expect(() => serverSettings({ MOCHI_MIN_SEND_RATE: '1k' })).toThrow('MOCHI_MIN_SEND_RATE must be a whole number of bytes per second');
	});

	it('refuses a bad value from the build too, naming the option', () => {
		expect(() => serverSettings({}, { keepAliveTimeout: -1 })).toThrow('mochi({ server: { keepAliveTimeout } }) must be a whole number');
	});

	it('refuses a header timeout longer than the body timeout (Node counts the latter from the first byte), naming both sources', () => {
		expect(() => serverSettings({ MOCHI_BODY_TIMEOUT: '10000' })).toThrow(
			'the default headersTimeout (20000 ms) must not exceed MOCHI_BODY_TIMEOUT (10000 ms)'
		);
		expect(() => serverSettings({ MOCHI_HEADERS_TIMEOUT: '9000' }, { bodyTimeout: 8000 })).toThrow(
			'MOCHI_HEADERS_TIMEOUT (9000 ms) must not exceed mochi({ server: { bodyTimeout } }) (8000 ms)'
		);
		// Either one off: nothing to compare.
		expect(serverSettings({ MOCHI_BODY_TIMEOUT: '0' }).bodyTimeout).toBe(0);
		expect(serverSettings({ MOCHI_HEADERS_TIMEOUT: '0', MOCHI_BODY_TIMEOUT: '100' }).headersTimeout).toBe(0);
	});
});

describe('serverSettings: bodyLimit', () => {
	it('is 1 MiB unless set; false and 0 mean no limit; MOCHI_BODY_LIMIT wins', () => {
		expect(serverSettings({}).bodyLimit).toBe(1024 * 1024);
		expect(serverSettings({}, { bodyLimit: false }).bodyLimit).toBe(0);
		expect(serverSettings({ MOCHI_BODY_LIMIT: '2048' }, { bodyLimit: 10 }).bodyLimit).toBe(2048);
		expect(() => serverSettings({ MOCHI_BODY_LIMIT: '1mb' })).toThrow('MOCHI_BODY_LIMIT must be a whole number of bytes');
	});
});
