import { describe, expect, it } from 'vitest';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { answerPrerendered, pickEncoding, type PrerenderedPage } from './prerendered.js';

describe('pickEncoding', () => {
	it.each([
		[null, null],
		['', null],
		['gzip, deflate, br', 'br'],
		['gzip', 'gzip'],
		['br;q=0, gzip', 'gzip'],
		['br;q=0.0, gzip;q=0', null],
		['identity', null],
		['*', 'gzip'],
		['GZIP', 'gzip'],
		['br;q=0.5', 'br']
	])('%j → %j', (header, expected) => {
		expect(pickEncoding(header)).toBe(expected);
	});
});

describe('answerPrerendered', () => {
	const html = '<!doctype html><p>' + 'shell '.repeat(200) + '</p>';
	const body = new TextEncoder().encode(html);
	const page: PrerenderedPage = {
		islands: [],
		headers: { 'content-type': 'text/html; charset=utf-8', vary: 'accept-encoding', 'cache-control': 'public, max-age=0, s-maxage=600' },
		identity: { body, etag: '"abc"' },
		br: { body: new Uint8Array(brotliCompressSync(body)), etag: '"abc-br"' },
		gzip: { body: new Uint8Array(gzipSync(body)), etag: '"abc-gz"' }
	};
	// Written as the Node server writes it, then read back as a web Response.
	const answer = (headers: Record<string, string> = {}, method = 'GET') => {
		const result = answerPrerendered(page, method, headers['accept-encoding'], headers['if-none-match']);
		return new Response(result.body, { status: result.status, headers: result.headers });
	};

	it('serves the page as stored to a client that asks for no encoding', async () => {
		const response = answer();
		expect(response.headers.get('content-encoding')).toBeNull();
		expect(response.headers.get('etag')).toBe('"abc"');
		expect(response.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=600');
		expect(await response.text()).toBe(html);
	});

	it('serves brotli or gzip with their own ETags, and they decode to the same page', async () => {
		const br = answer({ 'accept-encoding': 'gzip, br' });
		expect(br.headers.get('content-encoding')).toBe('br');
		expect(br.headers.get('etag')).toBe('"abc-br"');
		expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(html);
		const gz = answer({ 'accept-encoding': 'gzip' });
		expect(gz.headers.get('etag')).toBe('"abc-gz"');
		expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(html);
		expect(Number(gz.headers.get('content-length'))).toBeLessThan(body.byteLength);
	});

	it('answers 304 to the ETag of the encoding it would send, and 200 to another', () => {
		expect(answer({ 'if-none-match': '"abc-br"', 'accept-encoding': 'br' }).status).toBe(304);
		expect(answer({ 'if-none-match': 'W/"abc"' }).status).toBe(304);
		expect(answer({ 'if-none-match': '"abc"', 'accept-encoding': 'br' }).status).toBe(200);
	});

	it('sends headers but no body to HEAD', async () => {
		const response = answer({}, 'HEAD');
		expect(response.headers.get('content-length')).toBe(String(body.byteLength));
		expect(await response.text()).toBe('');
	});
});
