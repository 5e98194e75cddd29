import { describe, expect, it } from 'vitest';
import { crossSiteForm, csrfCheck, isFormContentType, sendableCrossSite } from './csrf.js';
import { createChecks } from './index.js';
import { fromWebRequest } from '../exchange.js';

const APP = 'https://shop.example';
const NONE = new Set<string>();

function incoming(method: string, headers: Record<string, string>, url = `${APP}/api/cart`) {
	return fromWebRequest(new Request(url, { method, headers }));
}

describe('isFormContentType', () => {
	it.each([
		'application/x-www-form-urlencoded',
		'Application/X-WWW-Form-Urlencoded; charset=UTF-8',
		'multipart/form-data; boundary=----x',
		'MULTIPART/FORM-DATA;boundary="a,b"',
		'text/plain',
		'  TEXT/Plain ;charset=utf-8',
		'text/plain\t; foo=bar',
		'application/json, text/plain'
	])('%j is a form', (value) => {
		expect(isFormContentType(value)).toBe(true);
	});

	it.each([null, '', 'application/json', 'text/html', 'text/plainx', 'multipart/mixed', 'application/x-www-form-urlencodedx', ';text/plain'])(
		'%j is not',
		(value) => {
			expect(isFormContentType(value)).toBe(false);
		}
	);
});

describe('crossSiteForm', () => {
	const form = { 'content-type': 'application/x-www-form-urlencoded' };

	it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('refuses a %s from another origin, from null, and Sec-Fetch-Site: cross-site', (method) => {
		expect(crossSiteForm(incoming(method, { ...form, origin: 'https://evil.example' }), NONE)).toBe('Origin: https://evil.example');
		expect(crossSiteForm(incoming(method, { ...form, origin: 'null' }), NONE)).toBe('Origin: null');
		expect(crossSiteForm(incoming(method, { ...form, 'sec-fetch-site': 'cross-site' }), NONE)).toBe('Sec-Fetch-Site: cross-site');
		// Same host, another scheme or port: another origin.
		expect(crossSiteForm(incoming(method, { ...form, origin: 'http://shop.example' }), NONE)).toMatch(/^Origin/);
		expect(crossSiteForm(incoming(method, { ...form, origin: 'https://shop.example:8443' }), NONE)).toMatch(/^Origin/);
		expect(crossSiteForm(incoming(method, { ...form, origin: APP, 'sec-fetch-site': 'cross-site' }), NONE)).toMatch(/cross-site/);
	});

	it('lets same-origin, no-Origin, same-site and non-form requests through', () => {
		expect(crossSiteForm(incoming('POST', { ...form, origin: APP }), NONE)).toBeNull();
		expect(crossSiteForm(incoming('POST', { ...form, origin: APP, 'sec-fetch-site': 'same-origin' }), NONE)).toBeNull();
		expect(crossSiteForm(incoming('POST', form), NONE)).toBeNull();
		for (const site of ['same-origin', 'same-site', 'none']) {
			expect(crossSiteForm(incoming('POST', { ...form, 'sec-fetch-site': site }), NONE)).toBeNull();
		}
		expect(crossSiteForm(incoming('POST', { 'content-type': 'application/json', origin: 'https://evil.example' }), NONE)).toBeNull();
		for (const method of ['GET', 'HEAD', 'OPTIONS']) {
			expect(crossSiteForm(incoming(method, { ...form, origin: 'https://evil.example' }), NONE)).toBeNull();
		}
	});

	it('treats a body without a content type as a form: a no-cors fetch of a Blob sends none', () => {
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
			expect(crossSiteForm(incoming(method, { origin: 'https://evil.example' }), NONE)).toBe('Origin: https://evil.example');
			expect(crossSiteForm(incoming(method, { 'content-type': '  ', origin: 'null' }), NONE)).toBe('Origin: null');
			expect(crossSiteForm(incoming(method, { 'sec-fetch-site': 'cross-site' }), NONE)).toBe('Sec-Fetch-Site: cross-site');
			// Without Origin (curl, a server) or from the app itself, it passes as before.
			expect(crossSiteForm(incoming(method, {}), NONE)).toBeNull();
			expect(crossSiteForm(incoming(method, { origin: APP }), NONE)).toBeNull();
		}
		expect(sendableCrossSite(null)).toBe(true);
		expect(sendableCrossSite('')).toBe(true);
		expect(sendableCrossSite('text/plain;charset=utf-8')).toBe(true);
		expect(sendableCrossSite('application/json')).toBe(false);
		expect(sendableCrossSite('application/octet-stream')).toBe(false);
	});

	it('accepts trusted origins exactly, and nothing that merely looks like them', () => {
		const trusted = new Set(['https://pay.example']);
		expect(crossSiteForm(incoming('POST', { ...form, origin: 'https://pay.example', 'sec-fetch-site': 'cross-site' }), trusted)).toBeNull();
		for (const origin of ['https://pay.example.evil', 'https://evil.pay.example', 'http://pay.example', 'https://pay.example:444', 'null']) {
			expect(crossSiteForm(incoming('POST', { ...form, origin }), trusted), origin).not.toBeNull();
		}
	});
});

describe('csrfCheck', () => {
	it('answers a refusal with 403, a clear message and one log line; nothing when turned off', () => {
		const lines: string[] = [];
		const check = csrfCheck({ trustedOrigins: [] }, (line) => lines.push(line))!;
		const answer = check(incoming('PATCH', { 'content-type': 'text/plain', origin: 'https://evil.example' }));
		expect(answer).toMatchObject({ status: 403, body: 'Cross-site PATCH form submissions are refused (CSRF protection).' });
		expect(answer!.headers).toMatchObject({ 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
		expect(lines).toEqual([expect.stringContaining("refused PATCH /api/cart (Origin: https://evil.example; this app's origin is https://shop.example)")]);
		expect(check(incoming('GET', { origin: 'https://evil.example' }))).toBeNull();
		expect(csrfCheck(false, () => {})).toBeNull();
		const off = createChecks({ csrf: false, log: () => {} });
		expect(off(incoming('POST', { 'content-type': 'text/plain', origin: 'null' }))).toBeNull();
	});

	it('rate-limits its log line under a flood', () => {
		const lines: string[] = [];
		const check = createChecks({ csrf: { trustedOrigins: [] }, log: (line) => lines.push(line) });
		for (let i = 0; i < 500; i++) check(incoming('POST', { 'content-type': 'text/plain', origin: 'null' }));
		expect(lines.length).toBeLessThanOrEqual(21);
	});
});
