import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { answerPrerendered, bodyHash, pickEncoding, type PrerenderedAnswer } from './prerendered.js';
import { filesPage, resignedPage } from './prerendered-page.js';
import { BodyBudget } from './prerendered-variant.js';

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
	const headers = { 'content-type': 'text/html; charset=utf-8', vary: 'accept-encoding', 'cache-control': 'public, max-age=0, s-maxage=600' };
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mochi-prerendered-'));
	const file = path.join(dir, 'index.html');
	fs.writeFileSync(file, body);
	fs.writeFileSync(`${file}.br`, brotliCompressSync(body));
	fs.writeFileSync(`${file}.gz`, gzipSync(body));
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
	const sizes: [number, number, number] = [body.byteLength, fs.statSync(`${file}.br`).size, fs.statSync(`${file}.gz`).size];
	const page = filesPage({ file, hash: 'abc', sizes, headers, budget: new BodyBudget(1e6), used: () => {} });
	// Written as the Node server writes it, then read back as a web Response.
	const answer = async (headers: Record<string, string> = {}, method = 'GET', on = page) => {
		const result = await answerPrerendered(on, method, headers['accept-encoding'], headers['if-none-match']);
		return new Response(result.body as BodyInit | null, { status: result.status, headers: result.headers });
	};

	it('serves the page as stored to a client that asks for no encoding', async () => {
		const response = await answer();
		expect(response.headers.get('content-encoding')).toBeNull();
		expect(response.headers.get('etag')).toBe('"abc"');
		expect(response.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=600');
		expect(await response.text()).toBe(html);
	});

	it('serves brotli or gzip with their own ETags, and they decode to the same page', async () => {
		const br = await answer({ 'accept-encoding': 'gzip, br' });
		expect(br.headers.get('content-encoding')).toBe('br');
		expect(br.headers.get('etag')).toBe('"abc-br"');
		expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(html);
		const gz = await answer({ 'accept-encoding': 'gzip' });
		expect(gz.headers.get('etag')).toBe('"abc-gz"');
		expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(html);
		expect(Number(gz.headers.get('content-length'))).toBeLessThan(body.byteLength);
	});

	it('reads a file on its first request only, then answers from memory without a promise', async () => {
		const fresh = filesPage({ file, hash: 'abc', sizes, headers, budget: new BodyBudget(1e6), used: () => {} });
		expect(answerPrerendered(fresh, 'GET', 'br', null)).toBeInstanceOf(Promise);
		await answerPrerendered(fresh, 'GET', 'br', null);
		const again = answerPrerendered(fresh, 'GET', 'br', null);
		expect(again).not.toBeInstanceOf(Promise);
		expect(brotliDecompressSync((again as PrerenderedAnswer).body!).toString()).toBe(html);
	});

	it('past the memory budget, reads the file for every request (and still serves it)', async () => {
		const tight = filesPage({ file, hash: 'abc', sizes, headers, budget: new BodyBudget(10), used: () => {} });
		for (let i = 0; i < 2; i++) {
			const pending = answerPrerendered(tight, 'GET', null, null);
			expect(pending).toBeInstanceOf(Promise);
			expect(new TextDecoder().decode((await pending).body!)).toBe(html);
		}
	});

	it('answers 304 to the ETag of the encoding it would send, and 200 to another', async () => {
		expect((await answer({ 'if-none-match': '"abc-br"', 'accept-encoding': 'br' })).status).toBe(304);
		expect((await answer({ 'if-none-match': 'W/"abc"' })).status).toBe(304);
		expect((await answer({ 'if-none-match': '"abc"', 'accept-encoding': 'br' })).status).toBe(200);
	});

	it('sends headers but no body to HEAD, without reading the file', async () => {
		const fresh = filesPage({ file, hash: 'abc', sizes, headers, budget: new BodyBudget(1e6), used: () => {} });
		const head = answerPrerendered(fresh, 'HEAD', 'gzip', null) as PrerenderedAnswer;
		expect(head.body).toBeNull();
		expect(head.headers['content-length']).toBe(String(sizes[2]));
		const response = await answer({}, 'HEAD');
		expect(response.headers.get('content-length')).toBe(String(body.byteLength));
		expect(await response.text()).toBe('');
	});

	it('re-signs a page on its first request, and compresses it when first asked for each encoding', async () => {
		const source = path.join(dir, 'signed.html');
		fs.writeFileSync(source, '<p>OLD-TOKEN</p><p>OLD-TOKEN</p>' + 'text '.repeat(100));
		const page = resignedPage({ source, resign: () => [['OLD-TOKEN', 'NEW-TOKEN']], headers, csp: null, cspPlaceholder: undefined, budget: new BodyBudget(1e6) });
		expect(page.variants).toBeNull();
		const expected = '<p>NEW-TOKEN</p><p>NEW-TOKEN</p>' + 'text '.repeat(100);
		const plain = await answer({}, 'GET', page);
		expect(await plain.text()).toBe(expected);
		const etag = plain.headers.get('etag')!;
		expect(etag).toBe(`"${bodyHash(new TextEncoder().encode(expected))}"`);
		const br = await answer({ 'accept-encoding': 'br' }, 'GET', page);
		expect(br.headers.get('etag')).toBe(etag.replace(/"$/, '-br5"'));
		const bytes = Buffer.from(await br.arrayBuffer());
		expect(Number(br.headers.get('content-length'))).toBe(bytes.length);
		expect(brotliDecompressSync(bytes).toString()).toBe(expected);
		const gz = await answer({ 'accept-encoding': 'gzip' }, 'HEAD', page);
		expect(gz.headers.get('etag')).toBe(etag.replace(/"$/, '-gz6"'));
		expect(Number(gz.headers.get('content-length'))).toBe(gzipSync(Buffer.from(expected), { level: 6 }).length);
		expect((await answer({ 'accept-encoding': 'gzip', 'if-none-match': etag.replace(/"$/, '-gz6"') }, 'GET', page)).status).toBe(304);
	});

	it('answers every concurrent first request of a re-signed page from one read', async () => {
		const source = path.join(dir, 'concurrent.html');
		fs.writeFileSync(source, '<p>A</p>');
		const page = resignedPage({ source, resign: () => [['A', 'B']], headers, csp: null, cspPlaceholder: undefined, budget: new BodyBudget(1e6) });
		const answers = await Promise.all(Array.from({ length: 5 }, () => answerPrerendered(page, 'GET', 'br', null)));
		for (const a of answers) expect(brotliDecompressSync(a.body!).toString()).toBe('<p>B</p>');
		expect(new Set(answers.map((a) => a.body)).size).toBe(1);
	});

	it('rejects (the server answers 500) when a file is gone, and reads it again once it is back', async () => {
		const gone = path.join(dir, 'gone.html');
		const page = filesPage({ file: gone, hash: 'x', sizes: [3, 3, 3], headers, budget: new BodyBudget(1e6), used: () => {} });
		await expect(answerPrerendered(page, 'GET', null, null)).rejects.toThrow(/ENOENT/);
		fs.writeFileSync(gone, 'abc');
		expect(new TextDecoder().decode((await answerPrerendered(page, 'GET', null, null)).body!)).toBe('abc');
	});

	it("rejects a file whose size is not the build's (replaced or cut short after start): its Content-Length would lie", async () => {
		const changed = path.join(dir, 'changed.html');
		fs.writeFileSync(changed, 'abcdef');
		const page = filesPage({ file: changed, hash: 'x', sizes: [3, 3, 3], headers, budget: new BodyBudget(1e6), used: () => {} });
		await expect(answerPrerendered(page, 'GET', null, null)).rejects.toThrow(/6 bytes where 3 were expected/);
		fs.writeFileSync(changed, 'ab');
		await expect(answerPrerendered(page, 'GET', null, null)).rejects.toThrow(/2 bytes where 3 were expected/);
		fs.writeFileSync(changed, 'abc');
		const ok = await answerPrerendered(page, 'GET', null, null);
		expect([ok.headers['content-length'], new TextDecoder().decode(ok.body!)]).toEqual(['3', 'abc']);
	});

	it("answers every concurrent first request of a build's page from one read, and marks it used once", async () => {
		let used = 0;
		const fresh = filesPage({ file, hash: 'abc', sizes, headers, budget: new BodyBudget(1e6), used: () => used++ });
		const answers = await Promise.all(Array.from({ length: 5 }, () => answerPrerendered(fresh, 'GET', 'gzip', null)));
		for (const a of answers) expect(gunzipSync(a.body!).toString()).toBe(html);
		expect([new Set(answers.map((a) => a.body)).size, used]).toEqual([1, 1]);
	});
});
