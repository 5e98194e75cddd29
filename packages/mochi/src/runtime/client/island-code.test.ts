import { describe, expect, it } from 'vitest';
import { isIslandCode } from './island-code.js';

const PREFIX = '/_mochi/assets/';
const check = (raw: string | null) => isIslandCode(raw, PREFIX);

describe('isIslandCode', () => {
	it("accepts the app's own island chunks, any file name a build gives", () => {
		for (const raw of ['/_mochi/assets/Counter-AbC_1.js', '/_mochi/assets/Compteur-é.js', '/_mochi/assets/a.b.c.js', '/_mochi/assets/...js']) {
			expect(check(raw), raw).toBe(true);
		}
		expect(isIslandCode('/@id/__x00__virtual:mochi/island/Counter', '/@id/__x00__virtual:mochi/island/')).toBe(true);
	});

	it('refuses other origins and schemes, whatever they end with', () => {
		for (const raw of [
			'https://evil.example/_mochi/assets/x.js',
			'//evil.example/_mochi/assets/x.js',
			'\\\\evil.example/_mochi/assets/x.js',
			'/\\evil.example/_mochi/assets/x.js',
			'http://127.0.0.1/_mochi/assets/x.js', // even this very origin, spelled out: the prefix is a path
			'javascript:alert(1)//_mochi/assets/',
			'data:text/javascript,alert(1)',
			'blob:https://shop.example/_mochi/assets/x.js',
			' /_mochi/assets/x.js',
			'\u0000/_mochi/assets/x.js'
		]) {
			expect(check(raw), raw).toBe(false);
		}
	});

	it('refuses paths outside the prefix, however they are spelled', () => {
		for (const raw of [
			'/evil.js',
			'/_mochi/island/x.js',
			'/_mochi/assetsx/x.js',
			'/_mochi/assets',
			'/_mochi/assets/',
			'_mochi/assets/x.js', // relative to the page
			'/_mochi/assets/.',
			'/_mochi/assets/..',
			'/_mochi/assets/../../evil.js',
			'/_mochi/assets/%2e%2e/%2E%2E/evil.js',
			'/_mochi/assets/%2e%2e',
			'/_mochi/assets/..%2f..%2fevil.js',
			'/_mochi/assets/..%5Cevil.js',
			'/_mochi/assets/..\\..\\evil.js',
			'/_mochi/assets/sub/x.js',
			'/_mochi/assets/x.js?v=1',
			'/_mochi/assets/x.js#x',
			'/_mochi/assets/\t..\t/evil.js',
			'/_mochi/assets/.\n./evil.js',
			'/_mochi/assets/x.js\u007f'
		]) {
			expect(check(raw), JSON.stringify(raw)).toBe(false);
		}
	});

	it('refuses nothing at all', () => {
		expect(check(null)).toBe(false);
		expect(check('')).toBe(false);
	});

	it('means what it says: every accepted name resolves to a file directly under the prefix, on the page origin', () => {
		const page = 'https://shop.example/products/tea';
		for (const raw of ['/_mochi/assets/Counter-AbC_1.js', '/_mochi/assets/Compteur-é.js', '/_mochi/assets/...js']) {
			const url = new URL(raw, page);
			expect(url.origin).toBe('https://shop.example');
			expect(url.pathname.startsWith(PREFIX) && !url.pathname.slice(PREFIX.length).includes('/')).toBe(true);
		}
	});
});
