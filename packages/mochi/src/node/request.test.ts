import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { deferred, request, withTimeout } from './fixtures/http.js';
import { abandonRequest, toRequest, writeResponse, type ToRequestOptions } from './request.js';

type Handler = (request: Request) => Promise<Response>;

const servers: http.Server[] = [];
afterEach(async () => {
	for (const server of servers.splice(0)) {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	}
});

/** A bare node:http server wired through toRequest/writeResponse only, no polka. */
async function serve(handler: Handler, options: Omit<ToRequestOptions, 'res'> = {}): Promise<string> {
	const server = http.createServer(async (req, res) => {
		let request: Request;
		try {
			request = toRequest(req, { ...options, res });
		} catch {
			return res.writeHead(400).end();
		}
		await writeResponse(res, await handler(request), req.method!);
	});
	servers.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('toRequest', () => {
	it('carries method, URL, headers and a JSON body', async () => {
		const seen = deferred<{ method: string; url: string; header: string | null; body: unknown }>();
		const base = await serve(async (request) => {
			seen.resolve({
				method: request.method,
				url: request.url,
				header: request.headers.get('x-test'),
				body: await request.json()
			});
			return new Response('ok');
		});
		const body = JSON.stringify({ hello: 'wörld', list: [1, 2] });
		const response = await request(`${base}/api/echo?x=1&y=%20`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-test': 'yes' },
			body
		});
		expect(response.status).toBe(200);
		expect(await withTimeout(seen.promise, 2000, 'handler')).toEqual({
			method: 'POST',
			url: `${base}/api/echo?x=1&y=%20`,
			header: 'yes',
			body: { hello: 'wörld', list: [1, 2] }
		});
	});

	it('streams a large upload through intact, and gives a body-less POST a null body', async () => {
		const base = await serve(async (request) => {
			if (!request.body) return new Response('no body');
			const bytes = new Uint8Array(await request.arrayBuffer());
			return new Response(`${bytes.length}:${bytes.reduce((sum, byte) => (sum + byte) % 65521, 0)}`);
		});
		const upload = Buffer.alloc(3 * 1024 * 1024, 'mochi');
		const expected = `${upload.length}:${upload.reduce((sum, byte) => (sum + byte) % 65521, 0)}`;
		const response = await request(base, { method: 'POST', body: upload.toString() });
		expect(response.body.toString()).toBe(expected);
		expect((await request(base, { method: 'POST' })).body.toString()).toBe('no body');
	});

	it('ignores x-forwarded-* unless trustProxy, and honours a fixed origin', async () => {
		const urls: string[] = [];
		const handler: Handler = async (request) => (urls.push(request.url), new Response('ok'));
		const forwarded = { 'x-forwarded-host': 'example.com', 'x-forwarded-proto': 'https' };
		const plain = await serve(handler);
		const proxied = await serve(handler, { trustProxy: true });
		const fixed = await serve(handler, { origin: 'https://mochi.test' });
		await request(`${plain}/a`, { headers: forwarded });
		await request(`${proxied}/b`, { headers: forwarded });
		await request(`${fixed}/c`, { headers: forwarded });
		expect(urls).toEqual([`${plain}/a`, 'https://example.com/b', 'https://mochi.test/c']);
	});

	it("takes the right-most x-forwarded-* value (the proxy's), never the client-written left-most", async () => {
		const urls: string[] = [];
		const handler: Handler = async (request) => (urls.push(request.url), new Response('ok'));
		const spoofed = { 'x-forwarded-host': 'evil.example, shop.example', 'x-forwarded-proto': 'http,HTTPS' };
		const plain = await serve(handler);
		const proxied = await serve(handler, { trustProxy: true });
		await request(`${plain}/a`, { headers: spoofed });
		await request(`${proxied}/b`, { headers: spoofed });
		// An empty right-most value says nothing: the Host header (and the socket's scheme) stand.
		await request(`${proxied}/c`, { headers: { 'x-forwarded-host': 'evil.example,', 'x-forwarded-proto': 'https, ' } });
		expect(urls).toEqual([`${plain}/a`, 'https://shop.example/b', `${proxied}/c`]);
		// A proxy can't have written a host that breaks the URL: refused, not trusted.
		expect((await request(`${proxied}/d`, { headers: { 'x-forwarded-host': 'shop.example, evil.example/x?' } })).status).toBe(400);
		expect((await request(`${proxied}/e`, { headers: { 'x-forwarded-proto': 'https, gopher' } })).status).toBe(400);
	});

	it('keeps a protocol-relative path a path, and refuses a host that would change the URL', async () => {
		const urls: string[] = [];
		const base = await serve(async (request) => (urls.push(request.url), new Response('ok')));
		expect((await request(base, { path: '//evil.test/x' })).status).toBe(200);
		expect(new URL(urls[0]).host).toBe(new URL(base).host);
		expect(new URL(urls[0]).pathname).toBe('//evil.test/x');
		expect((await request(base, { path: '/', headers: { host: 'evil.test/x?' } })).status).toBe(400);
	});

	it('aborts the signal when the client disconnects, even after the body was read', async () => {
		const aborted = deferred<string>();
		const bodyRead = deferred();
		const base = await serve(async (request) => {
			await request.text();
			bodyRead.resolve();
			await new Promise((resolve) => request.signal.addEventListener('abort', resolve));
			aborted.resolve(request.method);
			return new Response('never sent');
		});
		const { port } = new URL(base);
		const socket = net.connect(Number(port), '127.0.0.1');
		socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi');
		await withTimeout(bodyRead.promise, 2000, 'body read');
		socket.destroy();
		expect(await withTimeout(aborted.promise, 2000, 'abort signal')).toBe('POST');
	});
});

describe('abandonRequest', () => {
	it('aborts the signal with the reason while the client is still connected, read before or after', async () => {
		const seen: string[] = [];
		const base = await serve(async (request) => {
			const early = request.signal;
			abandonRequest(request, new Error('given up'));
			abandonRequest(request, new Error('second reason, ignored'));
			seen.push(`${early.aborted} ${(early.reason as Error).message}`);
			return new Response('ok');
		});
		expect((await request(base)).status).toBe(200);
		expect(seen).toEqual(['true given up']);
	});

	it('aborts a signal first read after it was abandoned, and leaves other requests alone', async () => {
		const seen: string[] = [];
		let first = true;
		const base = await serve(async (request) => {
			if (first) abandonRequest(request, new Error('given up'));
			seen.push(String(request.signal.aborted));
			first = false;
			return new Response('ok');
		});
		await request(base);
		await request(base);
		expect(seen).toEqual(['true', 'false']);
		// A Request that toRequest did not make is no one's to abandon: nothing happens.
		expect(() => abandonRequest(new Request('http://x/'), new Error('x'))).not.toThrow();
	});
});

describe('writeResponse', () => {
	it('sends every Set-Cookie header separately', async () => {
		const base = await serve(async () => {
			const headers = new Headers({ 'content-type': 'text/plain' });
			headers.append('set-cookie', 'a=1; Path=/; HttpOnly');
			headers.append('set-cookie', 'b=2; Path=/; Expires=Wed, 21 Oct 2065 07:28:00 GMT');
			return new Response('ok', { headers });
		});
		const response = await request(base);
		expect(response.headers['set-cookie']).toEqual([
			'a=1; Path=/; HttpOnly',
			'b=2; Path=/; Expires=Wed, 21 Oct 2065 07:28:00 GMT'
		]);
	});

	it('streams: the first chunk arrives while the body is still open', async () => {
		const gate = deferred();
		const base = await serve(async () => {
			const encoder = new TextEncoder();
			const body = new ReadableStream({
				async start(controller) {
					controller.enqueue(encoder.encode('first;'));
					await gate.promise; // opened by the test only after it saw `first;`
					controller.enqueue(encoder.encode('second'));
					controller.close();
				}
			});
			return new Response(body, { headers: { 'content-type': 'text/plain' } });
		});
		const text = await withTimeout(
			new Promise<string>((resolve, reject) => {
				http.get(`${base}/`, { agent: false }, (res) => {
					let received = '';
					res.setEncoding('utf8');
					res.on('data', (chunk: string) => {
						received += chunk;
						if (received === 'first;') gate.resolve();
					});
					res.on('end', () => resolve(received));
				}).on('error', reject);
			}),
			3000,
			'streamed body'
		);
		expect(text).toBe('first;second');
	});

	it('cancels the body stream when the client goes away', async () => {
		const cancelled = deferred<unknown>();
		const base = await serve(async () => {
			let timer: NodeJS.Timeout;
			const body = new ReadableStream({
				start(controller) {
					timer = setInterval(() => controller.enqueue(new Uint8Array(1024)), 5);
				},
				cancel(reason) {
					clearInterval(timer);
					cancelled.resolve(reason);
				}
			});
			return new Response(body);
		});
		await new Promise<void>((resolve, reject) => {
			const req = http.get(`${base}/`, { agent: false }, (res) => {
				res.once('data', () => {
					req.destroy();
					resolve();
				});
			});
			req.on('error', () => {});
			setTimeout(() => reject(new Error('no data')), 2000);
		});
		await withTimeout(cancelled.promise, 2000, 'body cancel');
	});

	it('sends headers but no body for HEAD', async () => {
		const methods: string[] = [];
		const base = await serve(async (request) => {
			methods.push(request.method);
			return new Response('hello', { headers: { 'content-type': 'text/plain', 'content-length': '5' } });
		});
		const response = await request(base, { method: 'HEAD' });
		expect(methods).toEqual(['HEAD']);
		expect(response.status).toBe(200);
		expect(response.headers['content-length']).toBe('5');
		expect(response.body.length).toBe(0);
	});

	it('destroys the connection when the body fails midway, and never rejects', async () => {
		const written = deferred<unknown>();
		const server = http.createServer((_req, res) => {
			const body = new ReadableStream({
				pull(controller) {
					controller.enqueue(new TextEncoder().encode('partial'));
					controller.error(new Error('boom'));
				}
			});
			writeResponse(res, new Response(body), 'GET').then(written.resolve, written.resolve);
		});
		servers.push(server);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		await expect(request(`http://127.0.0.1:${port}/`)).rejects.toThrow();
		expect(await withTimeout(written.promise, 2000, 'writeResponse')).toBeUndefined();
	});
});
