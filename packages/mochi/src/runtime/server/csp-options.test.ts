import { describe, expect, it } from 'vitest';
import { resolveCspOptions } from './csp-options.js';
import { resolveOptions } from '../../core/options.js';

const directives = (value: Record<string, unknown>) => () => resolveCspOptions({ directives: value });

describe('resolveCspOptions', () => {
	it('is off when absent or false', () => {
		expect(resolveCspOptions(undefined)).toBeNull();
		expect(resolveCspOptions(false)).toBeNull();
		expect(resolveOptions().csp).toBeNull();
	});

	it('keeps a valid policy as written, in order, with reportOnly defaulting to false', () => {
		const config = resolveCspOptions({
			directives: {
				'default-src': ["'self'"],
				'script-src': ["'self'", 'https://cdn.example', "'sha256-abc='"],
				'img-src': ["'self'", 'data:'],
				'upgrade-insecure-requests': [],
				'report-to': ['csp-endpoint']
			}
		});
		expect(config).toEqual({
			directives: {
				'default-src': ["'self'"],
				'script-src': ["'self'", 'https://cdn.example', "'sha256-abc='"],
				'img-src': ["'self'", 'data:'],
				'upgrade-insecure-requests': [],
				'report-to': ['csp-endpoint']
			},
			reportOnly: false
		});
		expect(resolveOptions({ csp: { directives: { 'script-src': ["'self'"] }, reportOnly: true } }).csp).toEqual({
			directives: { 'script-src': ["'self'"] },
			reportOnly: true
		});
	});

	it('refuses a csp that is not an options object, or unknown options', () => {
		expect(() => resolveCspOptions(true)).toThrow(/^mochi\(\{ csp \}\): expected \{ directives/);
		expect(() => resolveCspOptions("script-src 'self'")).toThrow(/^mochi\(\{ csp \}\): expected .* got "script-src 'self'"/);
		expect(() => resolveCspOptions({ directives: {}, mode: 'hash' })).toThrow(/unknown option "mode"/);
		expect(() => resolveCspOptions({})).toThrow(/^mochi\(\{ csp: \{ directives \} \}\): expected an object/);
		expect(() => resolveCspOptions({ directives: [] })).toThrow(/directives \} \}\): expected an object .* got an array/);
		expect(() => resolveCspOptions({ directives: {}, reportOnly: 'yes' })).toThrow(/^mochi\(\{ csp: \{ reportOnly \} \}\): expected true or false, got "yes"/);
	});

	it('refuses unknown directive names, suggesting the kebab-case one', () => {
		expect(directives({ 'script-source': ["'self'"] })).toThrow(/"script-source" is not a Content-Security-Policy directive\.$/);
		expect(directives({ scriptSrc: ["'self'"] })).toThrow(/"scriptSrc" is not a Content-Security-Policy directive\. Did you mean "script-src"\?/);
		expect(directives({ 'SCRIPT-SRC': ["'self'"] })).toThrow(/not a Content-Security-Policy directive/);
		expect(directives({ __proto__: ["'self'"] } as never)).not.toThrow(); // an object literal's __proto__ is no key
		expect(directives(JSON.parse('{"__proto__": ["x"]}'))).toThrow(/"__proto__" is not a Content-Security-Policy directive/);
	});

	it('refuses values that are not arrays of non-empty strings', () => {
		expect(directives({ 'script-src': "'self'" })).toThrow(/\{ "script-src" \} \} \}\): expected an array of strings .* got "'self'"/);
		expect(directives({ 'script-src': null })).toThrow(/expected an array of strings .* got null/);
		expect(directives({ 'script-src': [42] })).toThrow(/expected non-empty strings, got 42/);
		expect(directives({ 'script-src': [''] })).toThrow(/expected non-empty strings, got ""/);
		expect(directives({ 'upgrade-insecure-requests': ['yes'] })).toThrow(/takes no value: write \[\]/);
	});

	it('refuses a source that would end the directive or the policy, or hides a control character', () => {
		for (const source of ["'self'; script-src *", "'self',default-src *", "'self' https://a", "'self'\n", "'self'\r\nx-evil: 1", "a\u0000b", "a\u007fb"]) {
			expect(directives({ 'script-src': [source] }), JSON.stringify(source)).toThrow(/contains a space, ";", "," or a control character/);
		}
		expect(directives({ 'report-uri': ['/csp;x'] })).toThrow(/control character/);
	});

	it('refuses unquoted keywords, fixed nonces and a combined none', () => {
		expect(directives({ 'script-src': ['self'] })).toThrow(/"self" must be quoted: write "'self'"/);
		expect(directives({ 'style-src': ['unsafe-inline'] })).toThrow(/must be quoted: write "'unsafe-inline'"/);
		expect(directives({ 'script-src': ["'nonce-abc123'"] })).toThrow(/fixed nonce\. Mochi adds a fresh nonce .* ctx\.cspNonce/);
		expect(directives({ 'object-src': ["'none'", "'self'"] })).toThrow(/"'none'" cannot be combined/);
		// Outside source lists a bare word is fine: sandbox tokens, report-to group names.
		expect(directives({ sandbox: ['allow-scripts'], 'report-to': ['self'] })).not.toThrow();
	});
});
