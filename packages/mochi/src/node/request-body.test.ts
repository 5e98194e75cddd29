import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { deferred, request, withTimeout } from './fixtures/http.js';
import { toRequest } from './request.js';
import { HttpError } from '../runtime/server/http-error.js';

const servers: http.Server[] = [];
afterEach(async () => {
	for (const server of servers.splice(0)) {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	}
});

type Read = (request: Request) => Promise<unknown>;

/** Reads each body with `read`; answers what it got, or the HttpError's status and message. */
async function serve(read: Read, bodyLimit: number | false = 1000) {
	const settled: Array<unknown> = [];
	const server = http.createServer(async (req, res) => {
		try {
			const value = await read(toRequest(req, { res, bodyLimit }));
			settled.push(value);
			res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
		} catch (error) {
			settled.push(error);
			const status = error instanceof HttpError ? error.status : 500;
			if (!res.destroyed) res.writeHead(status).end((error as Error).message);
		}
	});
	servers.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, settled };
}

const json: Read = (request) => request.json();
const form: Read = async (request) => Object.fromEntries(await request.formData());

describe('body readers', () => {
	it('parse well-formed JSON and forms as usual', async () => {
		const { base } = await serve(json);
		const ok = await request(base, { method: 'POST', body: '\uFEFF{"a":"wörld"}' });
		expect([ok.status, JSON.parse(ok.body.toString())]).toEqual([200, { a: 'wörld' }]);
		const { base: formBase } = await serve(form);
		const urlencoded = await request(formBase, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'a=1&b=%C3%A9'
		});
		expect(JSON.parse(urlencoded.body.toString())).toEqual({ a: '1', b: 'é' });
	});

	it.each([
		['truncated', '{"a":'],
		['garbage', 'not json'],
		['empty', '']
	])('refuse %s JSON with a 400 HttpError', async (_, body) => {
		const { base, settled } = await serve(json);
		const response = await request(base, { method: 'POST', headers: { 'content-length': String(body.length) }, body });
		expect(response.status).toBe(400);
		expect(response.body.toString()).toBe('The request body is not valid JSON.');
		expect(settled[0]).toBeInstanceOf(HttpError);
	});

	it('refuses JSON that is not UTF-8 instead of replacing bytes with U+FFFD', async () => {
		const { base } = await serve(json);
		const response = await new Promise<number>((resolve, reject) => {
			const req = http.request(base, { method: 'POST', headers: { 'content-length': 9 } }, (res) => resolve(res.resume().statusCode!));
			req.on('error', reject);
			req.end(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]));
		});
		expect(response).toBe(400);
	});

	it('answer a form read with another content type 415, and a broken multipart 400', async () => {
		const { base } = await serve(form);
		for (const type of ['text/plain', 'application/json', 'multipart/form-datax']) {
			expect((await request(base, { method: 'POST', headers: { 'content-type': type }, body: 'a=1' })).status, type).toBe(415);
		}
		const truncated = '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue';
		expect((await request(base, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: truncated })).status).toBe(400);
		expect((await request(base, { method: 'POST', headers: { 'content-type': 'multipart/form-data' }, body: truncated })).status).toBe(400);
	});
});

describe('body limit', () => {
	const text: Read = (request) => request.text();
	const stream: Read = async (request) => {
		const reader = request.body!.getReader();
		let bytes = 0;
		for (let read = await reader.read(); !read.done; read = await reader.read()) bytes += read.value.byteLength;
		return bytes;
	};

	it('lets a body of exactly the limit through', async () => {
		const { base } = await serve(text);
		expect((await request(base, { method: 'POST', body: 'x'.repeat(1000) })).status).toBe(200);
	});

	it.each([
		['text()', text],
		['json()', json],
		['request.body', stream]
	])('refuses a longer one with 413, read through %s, and keeps the connection usable', async (_, read) => {
		const { base } = await serve(read);
		const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
		const post = (body: string, headers: http.OutgoingHttpHeaders = {}) =>
			withTimeout(
				new Promise<{ status: number; connection?: string }>((resolve, reject) => {
					const req = http.request(base, { method: 'POST', agent, headers }, (res) => {
						res.resume().on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
					});
					req.on('error', reject);
					req.end(body);
				}),
				5000,
				'POST'
			);
		try {
			expect(await post('x'.repeat(1001))).toEqual({ status: 413, connection: 'keep-alive' });
			// Chunked: no Content-Length to refuse on, the count does it.
			expect((await post('x'.repeat(5000), { 'transfer-encoding': 'chunked' })).status).toBe(413);
			expect((await post('{}')).status).toBe(200);
		} finally {
			agent.destroy();
		}
	});

	it('refuses a declared length far past the limit at once and closes the connection', async () => {
		const { base } = await serve(text);
		const { port } = new URL(base);
		const answer = await withTimeout(
			new Promise<string>((resolve) => {
				const socket = net.connect(Number(port), '127.0.0.1');
				let received = '';
				socket.on('data', (chunk) => (received += chunk));
				socket.on('close', () => resolve(received));
				socket.on('error', () => {});
				// Ten megabytes announced, none sent: the answer cannot wait for them.
				socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n');
			}),
			5000,
			'413 before the body'
		);
		expect(answer).toMatch(/^HTTP\/1\.1 413 /);
		expect(answer.toLowerCase()).toContain('connection: close');
	});

	it('is off with false', async () => {
		const { base } = await serve(text, false);
		expect((await request(base, { method: 'POST', body: 'x'.repeat(100_000) })).status).toBe(200);
	});
});

describe('a client that hangs up mid-body', () => {
	it('rejects the read with an HttpError, not a server error', async () => {
		const read = deferred<unknown>();
		const { base } = await serve((request) => request.text().catch((error) => (read.resolve(error), Promise.reject(error))));
		const socket = net.connect(Number(new URL(base).port), '127.0.0.1');
		socket.on('error', () => {});
		socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n0123456789');
		setTimeout(() => socket.destroy(), 50);
		const error = await withTimeout(read.promise, 5000, 'the read to fail');
		expect(error).toBeInstanceOf(HttpError);
		expect((error as HttpError).status).toBe(400);
	});
});
