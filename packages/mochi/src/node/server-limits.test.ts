// The Node server's timeouts and limits over real sockets, with short limits so each case takes well under a
// second: trickled headers and bodies get a 408, idle connections are closed, a client that stops reading (or
// reads too slowly) is cut off on every entrance (memory, island prefix, files, handler) without leaking the
// file it was reading, and normal clients, long downloads at a sane rate included, are never touched.
import fs from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { request, withTimeout } from './fixtures/http.js';
import { createServer, type MochiServer, type ServerLimits } from './server.js';

const BIG = 32 * 1024 * 1024; // well past what loopback's kernel buffers hold for one connection
let clientDir: string;
const big = Buffer.alloc(BIG, 'm');

beforeAll(() => {
	clientDir = fs.mkdtempSync(path.join(tmpdir(), 'mochi-limits-'));
	fs.writeFileSync(path.join(clientDir, 'big.bin'), big);
});
afterAll(() => fs.rmSync(clientDir, { recursive: true, force: true }));

const running: MochiServer[] = [];
afterEach(async () => {
	for (const server of running.splice(0)) {
		server.server.closeAllConnections();
		await server.close();
	}
});

async function start(limits: Partial<ServerLimits>) {
	const lines: string[] = [];
	const server = createServer({
		clientDir,
		beforeFiles: '/_mochi/island/',
		fastHandler: (req, res) => {
			if (req.url !== '/memory') return false;
			res.writeHead(200, { 'content-length': BIG }).end(big);
			return true;
		},
		handler: async (incoming) => {
			if (incoming.url.pathname.endsWith('/stream')) {
				// An endpoint's own stream, produced as fast as the client takes it.
				let sent = 0;
				const body = new ReadableStream<Uint8Array>({
					pull(controller) {
						if (sent >= BIG) return controller.close();
						controller.enqueue(big.subarray(sent, sent + 256 * 1024));
						sent += 256 * 1024;
					}
				});
				return new Response(body, { headers: { 'content-length': String(BIG) } });
			}
			if (incoming.method === 'POST') return new Response(`read ${(await incoming.request().text()).length}`);
			return new Response(`handler ${incoming.url.pathname}`);
		},
		host: '127.0.0.1',
		port: 0,
		log: (line) => lines.push(line),
		limits
	});
	running.push(server);
	const { port } = await server.listen();
	return { base: `http://127.0.0.1:${port}`, port, lines };
}

/** A raw connection: what it was sent back and when it closed, measured from `connect`. */
function connect(port: number) {
	const socket = net.connect(port, '127.0.0.1');
	const started = Date.now();
	let received = Buffer.alloc(0);
	socket.on('data', (chunk) => (received = Buffer.concat([received, chunk])));
	socket.on('error', () => {});
	const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - started)));
	return { socket, closed: withTimeout(closed, 10_000, 'the server to close the connection'), received: () => received.toString('latin1') };
}

/** Writes `text` a few bytes at a time until the socket closes. */
function trickle(socket: net.Socket, text: string, everyMs = 50) {
	let at = 0;
	const timer = setInterval(() => {
		if (at < text.length) socket.write(text.slice(at, (at += 2)));
	}, everyMs);
	socket.once('close', () => clearInterval(timer));
}

/** A client that asks for `target` and then reads nothing, or `chunk` bytes every `everyMs`. */
function slowReader(port: number, target: string, pace?: { chunk: number; everyMs: number }) {
	const connection = connect(port);
	const { socket } = connection;
	socket.removeAllListeners('data');
	let taken = 0;
	socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`);
	socket.pause();
	if (pace) {
		const timer = setInterval(() => {
			const chunk = socket.read(pace.chunk) ?? socket.read();
			if (chunk) taken += chunk.length;
		}, pace.everyMs);
		socket.once('close', () => clearInterval(timer));
	}
	return { ...connection, taken: () => taken, got: 0 };
}

/** Resolves once `check` holds (polled every 20 ms); bound it with withTimeout. */
async function until(check: () => boolean): Promise<void> {
	while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Reads the whole answer at full speed; resolves with the body's length. */
function download(port: number, target: string): Promise<number> {
	return withTimeout(
		new Promise((resolve, reject) => {
			const socket = net.connect(port, '127.0.0.1');
			let total = 0;
			let head = '';
			socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
			socket.on('data', (chunk: Buffer) => {
				if (!head.includes('\r\n\r\n')) {
					head += chunk.toString('latin1');
					const end = head.indexOf('\r\n\r\n');
					if (end !== -1) total += head.length - end - 4;
					return;
				}
				total += chunk.length;
			});
			socket.on('end', () => resolve(total));
			socket.on('error', reject);
		}),
		20_000,
		`downloading ${target}`
	);
}

describe('request timeouts', { timeout: 20_000 }, () => {
	it('answers 408 and closes a connection that sends nothing, or trickles its headers, past headersTimeout', async () => {
		const { port, base } = await start({ headersTimeout: 400, bodyTimeout: 2_000 });
		const silent = connect(port);
		const trickled = connect(port);
		trickle(trickled.socket, `GET / HTTP/1.1\r\nHost: x\r\n${'X-Slow: y\r\n'.repeat(100)}\r\n`);
		for (const each of [silent, trickled]) {
			const after = await each.closed;
			expect(each.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
			expect(after).toBeGreaterThanOrEqual(350);
		}
		expect((await request(`${base}/`)).status).toBe(200);
	});

	it('answers 408 to a body trickled past bodyTimeout, on the island prefix and in the polka chain', async () => {
		const { port, base } = await start({ headersTimeout: 300, bodyTimeout: 700 });
		const body = 'x'.repeat(500);
		const connections = ['/_mochi/island/Cart', '/api/upload'].map((target) => {
			const connection = connect(port);
			connection.socket.write(`POST ${target} HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n`);
			trickle(connection.socket, body);
			return connection;
		});
		for (const connection of connections) {
			expect(await connection.closed).toBeGreaterThanOrEqual(650);
			expect(connection.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
		}
		// A body sent at once is read in full.
		const sent = await request(`${base}/api/upload`, { method: 'POST', body });
		expect(sent.body.toString()).toBe('read 500');
	});

	it('closes an idle kept-alive connection after keepAliveTimeout (plus the second Node adds)', async () => {
		const { port } = await start({ keepAliveTimeout: 300 });
		const idle = connect(port);
		idle.socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
		const after = await idle.closed;
		expect(idle.received()).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*handler \//);
		expect(after).toBeGreaterThanOrEqual(300);
		expect(after).toBeLessThan(5_000);
	});

	it('closes connections past maxConnections as they arrive, and takes new ones once others leave', async () => {
		const { port, base } = await start({ maxConnections: 2 });
		const held = [connect(port), connect(port)];
		await new Promise((resolve) => setTimeout(resolve, 100));
		const extra = connect(port);
		expect(await extra.closed).toBeLessThan(2_000);
		expect(extra.received()).toBe('');
		for (const each of held) each.socket.destroy();
		await Promise.all(held.map((each) => each.closed));
		expect((await request(`${base}/`)).status).toBe(200);
	});
});

describe('slow readers', { timeout: 20_000 }, () => {
	const fds = () => (fs.existsSync('/proc/self/fd') ? fs.readdirSync('/proc/self/fd').length : 0);

	it('cuts off a client that stops reading, on every entrance, and logs each once with its request', async () => {
		const { port, lines } = await start({ sendTimeout: 400, minSendRate: 0 });
		const before = fds();
		const targets = ['/memory', '/_mochi/island/stream', '/big.bin', '/stream'];
		const readers = targets.map((target) => slowReader(port, target));
		const cut = (target: string) => lines.filter((line) => line.includes(`GET ${target} from 127.0.0.1: the client took 0 B in `));
		await withTimeout(until(() => targets.every((target) => cut(target).length > 0)), 5_000, 'every slow reader to be cut off');
		for (const target of targets) expect(cut(target)).toHaveLength(1);
		// A client that reads nothing notices nothing until it reads again: then it finds the connection gone, short.
		for (const reader of readers) {
			reader.socket.on('data', (chunk: Buffer) => (reader.got += chunk.length)).resume();
			expect(await reader.closed).toBeGreaterThanOrEqual(400);
			expect(reader.got).toBeLessThan(BIG);
		}
		// sirv leaves a file stream open when its response closes first: one descriptor per cut-off client.
		await new Promise((resolve) => setTimeout(resolve, 100));
		if (before) expect(fds()).toBeLessThanOrEqual(before);
	});

	it('cuts off a client that reads, but slower than minSendRate', async () => {
		const { port, lines } = await start({ sendTimeout: 500, minSendRate: 8 * 1024 * 1024 });
		const reader = slowReader(port, '/big.bin', { chunk: 16 * 1024, everyMs: 20 });
		await withTimeout(until(() => lines.length > 0), 5_000, 'the slow reader to be cut off');
		reader.socket.resume();
		expect(await reader.closed).toBeGreaterThanOrEqual(500);
		expect(reader.taken()).toBeGreaterThan(0);
		expect(reader.taken()).toBeLessThan(BIG);
		expect(lines.join('\n')).toMatch(/GET \/big\.bin from 127\.0\.0\.1: the client took \d+ B in \d+ ms of an answer waiting for it \(server\.minSendRate 8388608 B\/s/);
	});

	it('lets a long download at a sane rate finish, on every entrance', async () => {
		const { port, lines } = await start({ sendTimeout: 300, minSendRate: 1024 });
		for (const target of ['/memory', '/_mochi/island/stream', '/big.bin', '/stream']) {
			expect(await download(port, target)).toBe(BIG);
		}
		expect(lines).toEqual([]);
	});

	it('does not count time the app spends producing: a slow stream to a client that keeps up is left alone', async () => {
		// Nothing waits for the client between chunks, so the guard has nothing to measure.
		const lines: string[] = [];
		const server = createServer({
			host: '127.0.0.1',
			port: 0,
			log: (line) => lines.push(line),
			limits: { sendTimeout: 200, minSendRate: 1024 * 1024 },
			handler: async () => {
				let sent = 0;
				const body = new ReadableStream<Uint8Array>({
					async pull(controller) {
						await new Promise((resolve) => setTimeout(resolve, 150));
						if (sent++ === 6) return controller.close();
						controller.enqueue(new TextEncoder().encode(`tick ${sent}\n`));
					}
				});
				return new Response(body);
			}
		});
		running.push(server);
		const slow = await server.listen();
		const response = await withTimeout(fetch(`http://127.0.0.1:${slow.port}/ticks`), 5_000, 'ticks');
		expect(await response.text()).toBe('tick 1\ntick 2\ntick 3\ntick 4\ntick 5\ntick 6\n');
		expect(lines).toEqual([]);
	});

	it('is off with sendTimeout 0', async () => {
		const { port, lines } = await start({ sendTimeout: 0 });
		const reader = slowReader(port, '/memory');
		const outcome = await Promise.race([reader.closed, new Promise((resolve) => setTimeout(() => resolve('open'), 800))]);
		expect(outcome).toBe('open');
		expect(lines).toEqual([]);
		reader.socket.destroy();
	});
});
