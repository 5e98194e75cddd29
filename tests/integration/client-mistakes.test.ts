// A client's mistake is a 4xx with a clear message, never a 500 with a stack in the log, and the server
// keeps answering: malformed bodies read by endpoints that have no try/catch, bodies past
// `server.bodyLimit`, clients that hang up, odd request targets, a Referer that is not a URL.
import { beforeAll, describe, expect, it } from 'vitest';
import { tokenOf } from '../helpers/app.js';
import { rawRequest } from '../helpers/raw-socket.js';
import { waitFor } from '../helpers/wait.js';
import { get, islandPath, useApp } from './support.js';
import { INPUT, expectQuiet, loggedSince } from './input-app.js';

const LIMIT = 64 * 1024; // tests/apps/input/vite.config.ts

describe('client mistakes (built)', () => {
	const app = useApp('built', INPUT);
	let host: string;
	beforeAll(() => {
		host = new URL(app.url).host;
	});

	/** Runs `shapes`, then checks the server logged nothing for them and still answers a plain request. */
	async function quietly(shapes: () => Promise<void>) {
		const from = app.output().length;
		await shapes();
		expectQuiet(await loggedSince(app, from));
		expect((await get(app, '/live')).status).toBe(200);
	}

	const post = (pathname: string, body: BodyInit | null, headers: Record<string, string> = {}) =>
		get(app, pathname, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

	describe('bodies read by endpoints with no try/catch', () => {
		it('passes well-formed JSON and forms through', async () => {
			const json = await post('/api/json', JSON.stringify({ name: 'mochi', n: [1, 2] }), { 'content-type': 'application/json' });
			expect([json.status, JSON.parse(json.body)]).toEqual([200, { received: { name: 'mochi', n: [1, 2] } }]);
			const form = await post('/api/form', new URLSearchParams({ a: '1', b: 'é' }));
			expect(JSON.parse(form.body)).toEqual({ fields: [['a', '1'], ['b', 'é']] });
			const multipart = new FormData();
			multipart.set('a', 'x');
			multipart.set('file', new Blob(['12345']), 'f.txt');
			expect(JSON.parse((await post('/api/form', multipart)).body)).toEqual({ fields: [['a', 'x'], ['file', 'file:5']] });
		});

		it.each([
			['truncated JSON → 400', '{"a":', 400, 'The request body is not valid JSON.'],
			['garbage JSON → 400', 'not json at all', 400, 'The request body is not valid JSON.'],
			['an empty JSON body → 400', '', 400, 'The request body is not valid JSON.']
		])('%s', async (_, body, status, message) => {
			await quietly(async () => {
				const response = await post('/api/json', body, { 'content-type': 'application/json' });
				expect(response.status).toBe(status);
				expect(response.body).toBe(message);
			});
		});

		it('JSON that is not UTF-8 → 400 (not silently turned into U+FFFD)', async () => {
			await quietly(async () => {
				const bytes = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]); // {"a":"\xc3("}
				const response = await post('/api/json', bytes, { 'content-type': 'application/json' });
				expect(response.status).toBe(400);
				expect(response.body).toBe('The request body is not valid UTF-8 (JSON must be).');
			});
		});

		it('a form read from another content type → 415; a broken multipart body → 400', async () => {
			await quietly(async () => {
				for (const type of ['text/plain', 'application/json', 'image/png']) {
					const response = await post('/api/form', 'a=1', { 'content-type': type });
					expect(response.status, type).toBe(415);
					expect(response.body).toMatch(/^Expected a form body/);
				}
				const truncated = '--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue without its closing boundary';
				for (const type of ['multipart/form-data; boundary=XyZ', 'multipart/form-data']) {
					const response = await post('/api/form', truncated, { 'content-type': type });
					expect(response.status, type).toBe(400);
					expect(response.body).toBe('The request body is not a well-formed form.');
				}
			});
		});

		it(`a body past server.bodyLimit (${LIMIT} bytes) → 413, by length, by count when chunked, and read from request.body`, async () => {
			await quietly(async () => {
				expect((await post('/api/text', 'x'.repeat(LIMIT))).status).toBe(200);
				const big = JSON.stringify({ pad: 'x'.repeat(LIMIT) });
				const byLength = await post('/api/json', big, { 'content-type': 'application/json' });
				expect(byLength.status).toBe(413);
				expect(byLength.body).toBe(`The request body is larger than the limit of ${LIMIT} bytes.`);
				const chunked = new ReadableStream({
					start(controller) {
						for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode('y'.repeat(8192)));
						controller.close();
					}
				});
				expect((await post('/api/text?stream', chunked)).status).toBe(413);
			});
		});

		it('ten megabytes announced and never sent → 413 at once, and the connection closed', async () => {
			await quietly(async () => {
				const answer = await rawRequest(app.url, `POST /api/json HTTP/1.1\nHost: ${host}\nContent-Type: application/json\nContent-Length: 10000000`);
				expect(answer.status).toBe(413);
				expect(answer.headers.connection).toBe('close');
				expect(answer.closed).toBe(true);
			});
		});

		it('a client hanging up mid-body is no failure: nothing logged, the server fine', async () => {
			await quietly(async () => {
				for (const pathname of ['/api/json', '/api/form', '/api/text?stream']) {
					const answer = await rawRequest(
						app.url,
						`POST ${pathname} HTTP/1.1\nHost: ${host}\nContent-Type: application/x-www-form-urlencoded\nContent-Length: 5000`,
						{ chunks: ['a=1&b=', '2222'], pause: 30, hangUp: true }
					);
					expect(answer.status, pathname).toBe(0);
				}
			});
		});

		it('a client hanging up before the answer is written is no failure either', async () => {
			await quietly(async () => {
				const answer = await rawRequest(app.url, `GET /api/slow HTTP/1.1\nHost: ${host}`, { hangUp: true });
				expect(answer.status).toBe(0);
				// The endpoint finishes after the client has gone (it waits 400 ms).
				await new Promise((resolve) => setTimeout(resolve, 600));
			});
		});
	});

	describe('request targets', () => {
		it('absolute-form (RFC 9112 §3.2.2: a server must accept it) is served as its path', async () => {
			await quietly(async () => {
				const canonical = await get(app, '/about', { headers: { 'accept-encoding': 'identity' } });
				const answer = await rawRequest(app.url, `GET http://${host}/about HTTP/1.1\nHost: ${host}\nConnection: close`);
				expect(answer.status).toBe(200);
				// From memory: the prerendered ETag and bytes.
				expect(answer.headers.etag).toBe(canonical.headers.get('etag'));
				expect(answer.body.toString()).toBe(canonical.body);
				const endpoint = await rawRequest(app.url, `POST HTTP://${host}/api/json?x=1 HTTP/1.1\nHost: ${host}\nContent-Length: 2\nConnection: close`, {
					chunks: ['[]']
				});
				expect([endpoint.status, endpoint.body.toString()]).toEqual([200, '{"received":[]}']);
			});
		});

		it.each([
			['OPTIONS *', 204],
			['GET *', 400],
			['POST *', 400],
			['GET http://user:secret@HOST/about', 400],
			['GET ftp://HOST/about', 400],
			['GET http:/about', 400],
			['GET about', 400],
			['GET %2Fabout', 400],
			['GET /%E0%A4%A', 400]
		])('%s → %i', async (line, status) => {
			await quietly(async () => {
				const answer = await rawRequest(app.url, `${line.replace('HOST', host)} HTTP/1.1\nHost: ${host}\nConnection: close`);
				expect(answer.status).toBe(status);
				if (status === 204) expect(answer.headers.allow).toBe('GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
			});
		});

		it('Node itself refuses what is not HTTP at all (400, or a closed connection), and the server stays up', async () => {
			await quietly(async () => {
				expect((await rawRequest(app.url, 'GET /a b c HTTP/1.1\nHost: x')).status).toBe(400);
				expect((await rawRequest(app.url, 'NOT HTTP')).status).toBe(400);
				const connect = await rawRequest(app.url, `CONNECT ${host} HTTP/1.1\nHost: ${host}`);
				expect(connect.status).not.toBe(200);
				expect(connect.closed).toBe(true);
			});
		});
	});

	describe('the Referer of an island request', () => {
		let island: string;
		beforeAll(async () => {
			island = islandPath('PageUrl', tokenOf((await get(app, '/about')).body, 'PageUrl'));
		});

		it('gives pageUrl when it is a URL on this origin', async () => {
			const { status, body } = await get(app, island, { headers: { referer: `${app.url}/about?tab=1` } });
			expect(status).toBe(200);
			expect(body).toContain(`data-page-url="${app.url}/about?tab=1"`);
		});

		it.each(
			['not a url', 'javascript:alert(1)', 'http://[::1', '//evil.test/about', '/about', 'http://evil.test/about', 'data:text/html,<script>alert(1)</script>', 'http://127.0.0.1:1/about', 'x'.repeat(4000)].map(
				(referer) => ({ referer, label: referer.length > 60 ? `${referer.length} × "${referer[0]}"` : JSON.stringify(referer) })
			)
		)('is ignored when it is $label: pageUrl is the island URL, and no error', async ({ referer }) => {
			await quietly(async () => {
				const { status, body } = await get(app, island, { headers: { referer } });
				expect(status).toBe(200);
				expect(body).toContain('data-same="true"');
			});
		});

		it('survives bytes that are not ASCII', async () => {
			await quietly(async () => {
				// Written as UTF-8: the Referer carries bytes above 0x7f, which Node hands on as latin1.
				const answer = await rawRequest(app.url, `GET ${island} HTTP/1.1\nHost: ${host}\nReferer: http://${host}/é\u2028\nConnection: close`);
				expect(answer.status).toBe(200);
			});
		});
	});

	describe('logs', () => {
		it('80 malformed bodies log nothing at all', async () => {
			await quietly(async () => {
				for (let i = 0; i < 80; i++) expect((await post('/api/json', '{', { 'content-type': 'application/json' })).status).toBe(400);
			});
		});

		it('a real bug hit 80 times logs a bounded number of lines, and the server still answers', async () => {
			const from = app.output().length;
			for (let i = 0; i < 80; i++) expect((await get(app, '/api/boom')).status).toBe(500);
			const log = await loggedSince(app, from);
			const failures = log.split('\n').filter((line) => line.includes('GET /api/boom failed'));
			// rateLimited: 20 lines per 10 s window, then one summary when the next window opens.
			expect(failures.length).toBeGreaterThan(0);
			expect(failures.length).toBeLessThanOrEqual(40);
			expect((await get(app, '/live')).status).toBe(200);
		});

		it('the server is still up after all of it', async () => {
			await waitFor(async () => (await get(app, '/')).status === 200, { what: 'the server answering', timeout: 5000 });
		});
	});
});

describe('client mistakes (dev)', () => {
	const app = useApp('dev', INPUT);

	it('the same readers answer 400, 415 and 413 under mochi dev, with nothing logged', async () => {
		const from = app.output().length;
		const post = (pathname: string, body: string, type: string) =>
			get(app, pathname, { method: 'POST', body, headers: { 'content-type': type } });
		expect((await post('/api/json', '{"a":', 'application/json')).status).toBe(400);
		expect((await post('/api/form', 'a=1', 'text/plain')).status).toBe(415);
		expect((await post('/api/json', JSON.stringify('x'.repeat(LIMIT)), 'application/json')).status).toBe(413);
		expect((await post('/api/json', '{"ok":true}', 'application/json')).body).toBe('{"received":{"ok":true}}');
		// In dev the log is this process's: what the requests above printed is in already.
		expectQuiet(app.output().slice(from));
	});
});
