// Range requests on files (RFC 9110 §14): one valid range is a 206 of exactly those bytes, an invalid or
// unsupported one is ignored (200, the whole file), one past the end is a 416; the server never resets
// the connection or logs a failure for any of them.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClient, type RawResponse } from '../fuzz/raw-http.js';
import { useApp } from './support.js';
import { INPUT, expectQuiet, loggedSince } from './input-app.js';

const FILE = fs.readFileSync(path.join(INPUT, 'static/range.txt'), 'utf8');
const SIZE = Buffer.byteLength(FILE); // 2100

describe('byte ranges on static files (built)', () => {
	const app = useApp('built', INPUT);
	let client: ReturnType<typeof createClient>;
	let from: number;

	beforeAll(() => {
		client = createClient(app.url, 2);
		from = app.output().length;
		return () => client.close();
	});

	const send = (headers: Record<string, string>, { method = 'GET', pathname = '/range.txt' } = {}): Promise<RawResponse> =>
		client.send({ method, path: pathname, headers: { 'accept-encoding': 'identity', ...headers } });

	it('without a Range: the whole file', async () => {
		const response = await send({});
		expect([response.status, response.body]).toEqual([200, FILE]);
	});

	it.each([
		['bytes=0-9', 0, 9],
		['bytes=0-0', 0, 0],
		['bytes=5-5', 5, 5],
		['bytes=2090-', 2090, SIZE - 1],
		['bytes=-5', SIZE - 5, SIZE - 1],
		['bytes=-99999', 0, SIZE - 1],
		['bytes=100-999999', 100, SIZE - 1],
		['bytes=0-9,', 0, 9],
		['Bytes=1-2', 1, 2]
	])('%s → 206 of bytes %i-%i', async (range, start, end) => {
		const response = await send({ range });
		expect(response.status).toBe(206);
		expect(response.headers['content-range']).toBe(`bytes ${start}-${end}/${SIZE}`);
		expect(response.headers['content-length']).toBe(String(end - start + 1));
		expect(response.headers['accept-ranges']).toBe('bytes');
		expect(response.headers['content-type']).toMatch(/^text\/plain/);
		expect(response.headers.etag).toBeTruthy();
		expect(response.body).toBe(FILE.slice(start, end + 1));
	});

	it.each(['bytes=999999-', `bytes=${SIZE}-`, `bytes=${SIZE}-${SIZE + 5}`, 'bytes=-0', 'bytes=99999999999999999999999-'])('%s → 416 with bytes */size', async (range) => {
		const response = await send({ range });
		expect(response.status).toBe(416);
		expect(response.headers['content-range']).toBe(`bytes */${SIZE}`);
		expect(response.body).toBe('');
	});

	it.each([
		['bytes=5-1', 'last before first: invalid'],
		['bytes=abc', 'garbage'],
		['bytes=', 'empty'],
		['bytes=-', 'no numbers'],
		['bytes=1-2-3', 'garbage'],
		['bytes=0x10-0x20', 'not decimal'],
		['items=0-5', 'another unit'],
		['0-5', 'no unit'],
		['bytes=0-1,5-6', 'several ranges'],
		['bytes=0-1,1-2,2-3,3-4', 'several ranges'],
		['bytes=\u00ff-1', 'not ASCII']
	])('%j (%s) is ignored: 200, the whole file', async (range) => {
		const response = await send({ range });
		expect(response.status).toBe(200);
		expect(response.headers['content-range']).toBeUndefined();
		expect(response.body).toBe(FILE);
	});

	it('HEAD with a Range: 200 with the whole length (ranges are for GET)', async () => {
		const response = await send({ range: 'bytes=0-0' }, { method: 'HEAD' });
		expect(response.status).toBe(200);
		expect(response.headers['content-length']).toBe(String(SIZE));
		expect(response.headers['content-range']).toBeUndefined();
		expect(response.body).toBe('');
	});

	it('If-Range: the whole file, whatever validator it carries (the ETags are weak)', async () => {
		const { etag, 'last-modified': modified } = (await send({})).headers;
		for (const ifRange of [String(etag), String(modified), '"other"', 'Thu, 01 Jan 1970 00:00:00 GMT']) {
			const response = await send({ range: 'bytes=0-0', 'if-range': ifRange });
			expect(response.status, ifRange).toBe(200);
			expect(response.body).toBe(FILE);
		}
	});

	it('If-None-Match that matches wins over the Range: 304', async () => {
		const { etag } = (await send({})).headers;
		const response = await send({ range: 'bytes=0-0', 'if-none-match': String(etag) });
		expect(response.status).toBe(304);
	});

	it('a range is of the stored file, never of its .br/.gz variant', async () => {
		expect(fs.existsSync(path.join(INPUT, 'build/client/range.txt.br'))).toBe(true);
		const whole = await send({ 'accept-encoding': 'br' });
		expect(whole.headers['content-encoding']).toBe('br');
		for (const encoding of ['br', 'gzip', 'gzip, deflate, br']) {
			const response = await send({ range: 'bytes=0-0', 'accept-encoding': encoding });
			expect(response.status).toBe(206);
			expect(response.headers['content-encoding']).toBeUndefined();
			expect(response.headers['content-range']).toBe(`bytes 0-0/${SIZE}`);
			expect(response.body).toBe('0');
		}
	});

	it('hashed assets take ranges too, and keep their immutable caching', async () => {
		const about = await send({}, { pathname: '/about' });
		const runtime = about.body.match(/<script type="module"(?: async)? src="([^"]+)"/)![1];
		const response = await send({ range: 'bytes=0-9' }, { pathname: runtime });
		expect(response.status).toBe(206);
		expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
		expect(response.body).toHaveLength(10);
	});

	it('a prerendered page ignores Range: 200, from memory', async () => {
		const response = await send({ range: 'bytes=0-0' }, { pathname: '/about' });
		expect(response.status).toBe(200);
		expect(response.headers.etag).toBeTruthy();
		expect(response.body).toContain('<h1>about</h1>');
	});

	it('a path that is no file hands the Range on to the app as it came', async () => {
		for (const range of ['bytes=0-0', 'bytes=5-1', 'garbage']) {
			const response = await send({ range }, { pathname: '/api/range-echo' });
			expect([response.status, response.body]).toEqual([200, range]);
		}
		expect((await send({ range: 'bytes=0-0' }, { pathname: '/nope.txt' })).status).toBe(404);
	});

	it('logged nothing for any of it, and still serves the file', async () => {
		expectQuiet(await loggedSince(app, from));
		const response = await send({});
		expect([response.status, response.body]).toEqual([200, FILE]);
	});
});
