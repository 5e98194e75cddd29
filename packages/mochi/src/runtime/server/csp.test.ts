import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCspPolicy, cspHash } from './csp.js';
import { ISLAND_STYLE_CSS } from './island-style.js';

const ISLAND_HASH = `'sha256-${createHash('sha256').update('mochi-island{display:contents}').digest('base64')}'`;
const policy = (directives: Record<string, string[]>, options: { dev?: boolean; reportOnly?: boolean } = {}) =>
	createCspPolicy({ directives, reportOnly: options.reportOnly ?? false }, { dev: options.dev });

describe('cspHash', () => {
	it("is the quoted sha256 source of the text's UTF-8 bytes", () => {
		expect(ISLAND_STYLE_CSS).toBe('mochi-island{display:contents}');
		expect(cspHash(ISLAND_STYLE_CSS)).toBe(ISLAND_HASH);
		expect(cspHash('é')).toBe(`'sha256-${createHash('sha256').update(Buffer.from('é', 'utf8')).digest('base64')}'`);
	});
});

describe('createCspPolicy', () => {
	it("splices an on-demand page's nonce into script-src and style-src, beside the island rule's hash", () => {
		const csp = policy({ 'default-src': ["'self'"], 'script-src': ["'self'"], 'style-src': ["'self'"], 'img-src': ['data:'] });
		expect(csp.name).toBe('content-security-policy');
		expect(csp.forNonce('N0nce+/=')).toBe(
			`default-src 'self'; script-src 'self' 'nonce-N0nce+/='; style-src 'self' ${ISLAND_HASH} 'nonce-N0nce+/='; img-src data:`
		);
		// Only the nonce changes from one page to the next.
		expect(csp.forNonce('other')).toBe(csp.forNonce('N0nce+/=').replaceAll('N0nce+/=', 'other'));
	});

	it('makes fresh, distinct base64 nonces of 16 bytes', () => {
		const csp = policy({ 'script-src': ["'self'"] });
		const nonces = new Set(Array.from({ length: 50 }, () => csp.nonce()));
		expect(nonces.size).toBe(50);
		for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
	});

	it("lists a prerendered page's hashes instead of a nonce, once each", () => {
		const csp = policy({ 'script-src': ["'self'"], 'style-src': ["'self'"] });
		expect(csp.forHashes({ script: ["'sha256-a'", "'sha256-b'", "'sha256-a'"], style: [] })).toBe(
			`script-src 'self' 'sha256-a' 'sha256-b'; style-src 'self' ${ISLAND_HASH}`
		);
		expect(csp.forHashes({ script: [], style: ["'sha256-s'"] })).toBe(`script-src 'self'; style-src 'self' ${ISLAND_HASH} 'sha256-s'`);
	});

	it('writes script-src and style-src out from default-src, which the browser would fall back to', () => {
		const csp = policy({ 'default-src': ["'self'", 'https://a.example'] });
		expect(csp.forNonce('n')).toBe(
			"default-src 'self' https://a.example; script-src 'self' https://a.example 'nonce-n'; " +
				`style-src 'self' https://a.example ${ISLAND_HASH} 'nonce-n'`
		);
		// With neither, scripts and styles are not restricted: nothing is added, which would restrict them.
		expect(policy({ 'img-src': ["'self'"] }).forNonce('n')).toBe("img-src 'self'");
	});

	it('adds to the -elem variants only where the app set them', () => {
		const csp = policy({ 'script-src': ["'self'"], 'script-src-elem': ["'self'"], 'style-src-attr': ["'none'"] });
		expect(csp.forNonce('n')).toBe("script-src 'self' 'nonce-n'; script-src-elem 'self' 'nonce-n'; style-src-attr 'none'");
	});

	it("leaves a list that relies on 'unsafe-inline' alone (a nonce would switch it off), unless a hash already did", () => {
		expect(policy({ 'style-src': ["'self'", "'unsafe-inline'"] }).forNonce('n')).toBe("style-src 'self' 'unsafe-inline'");
		expect(policy({ 'style-src': ["'self'", "'UNSAFE-INLINE'"] }).forNonce('n')).toBe("style-src 'self' 'UNSAFE-INLINE'");
		expect(policy({ 'script-src': ["'unsafe-inline'", "'sha256-x'"] }).forNonce('n')).toBe("script-src 'unsafe-inline' 'sha256-x' 'nonce-n'");
		expect(policy({ 'script-src': ["'unsafe-inline'", "'strict-dynamic'"] }).forNonce('n')).toBe("script-src 'unsafe-inline' 'strict-dynamic' 'nonce-n'");
	});

	it("replaces a lone 'none' by what it adds ('none' beside other sources is ignored, with a warning)", () => {
		expect(policy({ 'script-src': ["'none'"] }).forNonce('n')).toBe("script-src 'nonce-n'");
	});

	it('sends report-only under its own header name, and keeps the configured policy as base', () => {
		const csp = policy({ 'default-src': ["'self'"], 'upgrade-insecure-requests': [] }, { reportOnly: true });
		expect(csp.name).toBe('content-security-policy-report-only');
		expect(csp.base).toBe("default-src 'self'; upgrade-insecure-requests");
	});

	it("in dev, allows inline styles (Svelte's and Vite's) and HMR's WebSocket, and keeps the script nonce", () => {
		const csp = policy({ 'default-src': ["'self'"], 'script-src': ["'self'"], 'style-src': ["'self'", "'sha256-x'"] }, { dev: true });
		expect(csp.forNonce('n')).toBe("default-src 'self'; script-src 'self' 'nonce-n'; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:");
		expect(policy({ 'style-src': ["'none'"], 'connect-src': ["'self'"] }, { dev: true }).forNonce('n')).toBe(
			"style-src 'unsafe-inline'; connect-src 'self' ws: wss:"
		);
		// Nothing restricted, nothing added.
		expect(policy({ 'img-src': ["'self'"] }, { dev: true }).forNonce('n')).toBe("img-src 'self'");
	});
});
