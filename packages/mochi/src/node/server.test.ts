import http from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deferred, request, withTimeout } from './fixtures/http.js';
import { createServer, type MochiServer, type ServerOptions } from './server.js';

const BIG_JS = `export const data = ${JSON.stringify('mochi '.repeat(2000))};\n`;
let clientDir: string;

beforeAll(() => {
	clientDir = mkdtempSync(join(tmpdir(), 'mochi-server-'));
	const files: Record<string, string | Buffer> = {
		'_mochi/assets/app-1a2b3c.js': 'console.log(1);',
		'_mochi/assets/big-4d5e6f.js': BIG_JS,
		'_mochi/assets/big-4d5e6f.js.br': brotliCompressSync(BIG_JS),
		'_mochi/assets/big-4d5e6f.js.gz': gzipSync(BIG_JS),
		'robots.txt': 'User-agent: *',
		'hello.txt': 'from disk',
		'_mochi/island/shadow.txt': 'a file the island endpoint shadows',
		'about.html': '<h1>prerendered</h1>'
	};
	for (const [name, content] of Object.entries(files)) {
		mkdirSync(dirname(join(clientDir, name)), { recursive: true });
		writeFileSync(join(clientDir, name), content);
	}
});
afterAll(() => rmSync(clientDir, { recursive: true, force: true }));

const running: MochiServer[] = [];
afterEach(async () => {
	for (const server of running.splice(0)) {
		server.server.closeAllConnections();
		await server.close();
	}
});

async function start(options: Partial<ServerOptions> = {}) {
	const lines: string[] = [];
	const server = createServer({
		handler: async (request) => new Response(`handler ${new URL(request.url).pathname}`),
		clientDir,
		immutablePrefix: '/_mochi/assets/',
		host: '127.0.0.1',
		port: 0,
		log: (line) => lines.push(line),
		...options
	});
	running.push(server);
	const { port } = await server.listen();
	return { server, base: `http://127.0.0.1:${port}`, port, lines };
}

describe('createServer', () => {
	it('hands everything that is not a file to the handler, with a web Request on demand, and streams its Response', async () => {
		const seen = deferred<{ method: string; url: string; type: string | null; body: unknown }>();
		const { base } = await start({
			handler: async (request) => {
				seen.resolve({
					method: request.method,
					url: request.request().url,
					type: request.header('content-type'),
					body: await request.request().json()
				});
				return Response.json({ ok: true }, { status: 201 });
			}
		});
		const response = await request(`${base}/api/items?draft=1`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'mochi' })
		});
		expect(response.status).toBe(201);
		expect(JSON.parse(response.body.toString())).toEqual({ ok: true });
		expect(await withTimeout(seen.promise, 2000, 'handler')).toEqual({
			method: 'POST',
			url: `${base}/api/items?draft=1`,
			type: 'application/json',
			body: { name: 'mochi' }
		});
	});

	it('gives paths under `beforeFiles` to the handler before any file, and everything else to polka', async () => {
		const seen: string[] = [];
		const { base } = await start({
			beforeFiles: '/_mochi/island/',
			handler: async (request) => {
				seen.push(request.url.pathname);
				return { status: 200, headers: { 'content-type': 'text/plain' }, cookies: [], body: `handler ${request.url.pathname}` };
			}
		});
		expect((await request(`${base}/_mochi/island/shadow.txt`)).body.toString()).toBe('handler /_mochi/island/shadow.txt');
		expect((await request(`${base}/hello.txt`)).body.toString()).toBe('from disk');
		expect((await request(`${base}/about`)).body.toString()).toBe('<h1>prerendered</h1>');
		expect((await request(`${base}/nowhere`)).body.toString()).toBe('handler /nowhere');
		// Dot segments are resolved before deciding: this path is /hello.txt, which goes through polka.
		const dotted = await request(base, { path: '/_mochi/island/../../hello.txt' });
		expect(dotted.body.toString()).not.toBe('handler /_mochi/island/../../hello.txt');
		expect(seen).not.toContain('/_mochi/island/../../hello.txt');
		expect(seen.slice(0, 2)).toEqual(['/_mochi/island/shadow.txt', '/nowhere']);
	});

	it('marks files immutable only under the prefix', async () => {
		const { base } = await start();
		const asset = await request(`${base}/_mochi/assets/app-1a2b3c.js`);
		expect(asset.status).toBe(200);
		expect(asset.headers['content-type']).toMatch(/javascript/);
		expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
		const file = await request(`${base}/robots.txt`);
		expect(file.status).toBe(200);
		expect(file.headers['cache-control'] ?? '').not.toMatch(/immutable/);
		expect(file.headers.etag).toBeTruthy();
		// Hashed names are exact: no `.html` guessing under the prefix, so a miss reaches the app.
		expect((await request(`${base}/_mochi/assets/app-1a2b3c`)).body.toString()).toBe(
			'handler /_mochi/assets/app-1a2b3c'
		);
	});

	it('serves precompressed .br / .gz files when the client accepts them', async () => {
		const { base } = await start();
		const url = `${base}/_mochi/assets/big-4d5e6f.js`;
		const br = await request(url, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
		expect(br.headers['content-encoding']).toBe('br');
		expect(br.headers['content-type']).toMatch(/javascript/);
		expect(br.headers.vary).toMatch(/accept-encoding/i);
		expect(brotliDecompressSync(br.body).toString()).toBe(BIG_JS);

		const gz = await request(url, { headers: { 'accept-encoding': 'gzip' } });
		expect(gz.headers['content-encoding']).toBe('gzip');
		expect(gunzipSync(gz.body).toString()).toBe(BIG_JS);

		const plain = await request(url);
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(plain.body.toString()).toBe(BIG_JS);
	});

	it('answers a throwing handler with a 500, logs one line, and keeps serving', async () => {
		let calls = 0;
		const { base, lines } = await start({
			handler: async () => {
				if (calls++ === 0) throw new Error('kaboom');
				return new Response('fine');
			}
		});
		const failed = await request(`${base}/page`);
		expect(failed.status).toBe(500);
		expect(failed.body.toString()).toBe('Internal Server Error');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain('kaboom');
		expect(lines[0]).not.toContain('\n');
		const next = await request(`${base}/page`);
		expect(next.status).toBe(200);
		expect(next.body.toString()).toBe('fine');
	});

	it('answers a malformed URL with 400 instead of crashing', async () => {
		let calls = 0;
		const { base } = await start({ handler: async () => (calls++, new Response('reached')) });
		const response = await request(base, { path: '/%E0%A4%A' });
		expect(response.status).toBe(400);
		expect(calls).toBe(0);
		expect((await request(`${base}/ok`)).status).toBe(200);
	});

	it('serves without a client folder', async () => {
		const { base } = await start({ clientDir: join(clientDir, 'does-not-exist') });
		expect((await request(`${base}/robots.txt`)).body.toString()).toBe('handler /robots.txt');
	});
});

describe('close()', () => {
	it('lets an in-flight request finish while refusing new connections', async () => {
		const entered = deferred();
		const { server, base, port } = await start({
			handler: async () => {
				entered.resolve();
				await new Promise((resolve) => setTimeout(resolve, 300));
				return new Response('slow but complete');
			}
		});
		const slow = request(`${base}/slow`);
		await withTimeout(entered.promise, 2000, 'handler entered');
		const closed = server.close();

		const refused = await withTimeout(
			new Promise<string>((resolve) => {
				http.get({ host: '127.0.0.1', port, path: '/', agent: false }, () => resolve('answered')).on(
					'error',
					(error: NodeJS.ErrnoException) => resolve(error.code ?? 'error')
				);
			}),
			2000,
			'new connection'
		);
		expect(refused).toBe('ECONNREFUSED');

		const response = await slow;
		expect(response.status).toBe(200);
		expect(response.body.toString()).toBe('slow but complete');
		await withTimeout(closed, 2000, 'close()');
	});

	it('closes idle keep-alive connections at once', async () => {
		const { server, base } = await start();
		const agent = new http.Agent({ keepAlive: true });
		await withTimeout(
			new Promise<void>((resolve, reject) => {
				http.get(`${base}/`, { agent }, (res) => res.resume().on('end', resolve)).on('error', reject);
			}),
			2000,
			'keep-alive request'
		);
		const started = Date.now();
		await withTimeout(server.close(), 2000, 'close() with an idle socket');
		expect(Date.now() - started).toBeLessThan(1000);
		agent.destroy();
	});

	it('releases a keep-alive socket as soon as its in-flight response is done', async () => {
		const entered = deferred();
		const { server, base } = await start({
			handler: async () => {
				entered.resolve();
				await new Promise((resolve) => setTimeout(resolve, 100));
				return new Response('done');
			}
		});
		const agent = new http.Agent({ keepAlive: true });
		const response = new Promise<number>((resolve, reject) => {
			http.get(`${base}/`, { agent }, (res) => res.resume().on('end', () => resolve(res.statusCode!))).on(
				'error',
				reject
			);
		});
		await withTimeout(entered.promise, 2000, 'handler entered');
		const started = Date.now();
		// Node's keep-alive timeout is 5 s: resolving well before it means we closed the socket ourselves.
		await withTimeout(server.close(), 2000, 'close() with a busy keep-alive socket');
		expect(await response).toBe(200);
		expect(Date.now() - started).toBeLessThan(1000);
		agent.destroy();
	});

	it('cuts off requests that outlast shutdownTimeoutMs', async () => {
		const entered = deferred();
		const { server, base, lines } = await start({
			shutdownTimeoutMs: 200,
			handler: () => (entered.resolve(), new Promise<Response>(() => {}))
		});
		const hung = request(`${base}/hang`).then(
			() => 'answered',
			() => 'cut off'
		);
		await withTimeout(entered.promise, 2000, 'handler entered');
		await withTimeout(server.close(), 2000, 'forced close()');
		expect(await hung).toBe('cut off');
		expect(lines.some((line) => line.includes('200 ms'))).toBe(true);
	});
});
