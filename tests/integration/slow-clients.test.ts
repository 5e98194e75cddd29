// Slow clients against the built crash fixture, with short limits from the environment so it runs in seconds:
// connections that send nothing, trickle their headers, trickle a body (to the island endpoint and to an
// endpoint), go idle after one request, or read a big static file or an endpoint's big stream slowly (or not at
// all), all at once. Meanwhile a normal client keeps asking for a prerendered page, an island and an endpoint,
// and downloads the big file and stream in full, at full speed and at a steady moderate pace. Every slow
// connection is closed by its timeout; the normal client's latency is printed, and bounded only generously.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, buildApp } from '../helpers/app.js';
import { get, islandUrl, sleep, spawnServer, tokenOf, waitUntil, type Server } from '../hardening/support.js';

const CRASH = path.join(REPO, 'tests/apps/crash');
const BIG = 16 * 1024 * 1024;
const LIMITS = {
	MOCHI_HEADERS_TIMEOUT: '2000',
	MOCHI_BODY_TIMEOUT: '4000',
	MOCHI_KEEP_ALIVE_TIMEOUT: '1000',
	MOCHI_SEND_TIMEOUT: '2000'
};
/** How long the slow clients are held before the reading ones resume and every outcome is checked. */
const HOLD_MS = 9_000;

interface Slow {
	kind: string;
	socket: net.Socket;
	/** ms from connect to close; undefined while open. */
	closedAfter?: number;
	/** What came back, as latin1 text (head and as much body as was read). */
	received: string;
	bytes: number;
}

function open(port: number, kind: string): Slow {
	const socket = net.connect(port, '127.0.0.1');
	const started = Date.now();
	const slow: Slow = { kind, socket, received: '', bytes: 0 };
	socket.on('data', (chunk: Buffer) => {
		slow.bytes += chunk.length;
		if (slow.received.length < 4096) slow.received += chunk.toString('latin1');
	});
	socket.on('error', () => {});
	socket.once('close', () => (slow.closedAfter = Date.now() - started));
	return slow;
}

/** Writes `text` two bytes at a time every `everyMs`, until it is all out or the socket closes. */
function trickle(socket: net.Socket, text: string, everyMs = 250) {
	let at = 0;
	const timer = setInterval(() => (at < text.length && !socket.destroyed ? socket.write(text.slice(at, (at += 2))) : clearInterval(timer)), everyMs);
	socket.once('close', () => clearInterval(timer));
	// The server has closed its side (after its 408): writing on would only earn a reset.
	socket.once('end', () => clearInterval(timer));
}

/** Asks for `target`, then reads nothing (`byteEveryMs` unset) or one byte every `byteEveryMs`. */
function slowReader(port: number, target: string, byteEveryMs?: number): Slow {
	const slow = open(port, `slow reader ${target}${byteEveryMs ? ' (1 B at a time)' : ''}`);
	slow.socket.removeAllListeners('data');
	slow.socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`);
	slow.socket.pause();
	if (byteEveryMs) {
		const timer = setInterval(() => {
			if (slow.socket.read(1)) slow.bytes += 1;
		}, byteEveryMs);
		slow.socket.once('close', () => clearInterval(timer));
	}
	return slow;
}

/** Reads `target` in full, at full speed or paced to about `bytesPerSecond`; resolves with the body's size. */
function download(port: number, target: string, bytesPerSecond?: number): Promise<number> {
	return new Promise((resolve, reject) => {
		const socket = net.connect(port, '127.0.0.1');
		let head = '';
		let body = 0;
		const started = Date.now();
		socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
		socket.on('data', (chunk: Buffer) => {
			if (!head.includes('\r\n\r\n')) {
				head += chunk.toString('latin1');
				const end = head.indexOf('\r\n\r\n');
				if (end !== -1) body += head.length - end - 4;
			} else body += chunk.length;
			if (!bytesPerSecond) return;
			// Ahead of the pace: stop reading until it has caught up.
			const ahead = body / bytesPerSecond - (Date.now() - started) / 1000;
			if (ahead > 0) {
				socket.pause();
				setTimeout(() => socket.resume(), ahead * 1000);
			}
		});
		socket.on('end', () => (head.startsWith('HTTP/1.1 200') ? resolve(body) : reject(new Error(head.split('\r\n')[0]))));
		socket.on('error', reject);
		socket.setTimeout(30_000, () => socket.destroy(new Error(`download of ${target} stalled`)));
	});
}

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const fds = (pid: number) => (fs.existsSync(`/proc/${pid}/fd`) ? fs.readdirSync(`/proc/${pid}/fd`).length : undefined);

describe('slow clients', () => {
	let server: Server;
	let port: number;

	beforeAll(async () => {
		await buildApp(CRASH);
		// sirv reads its file table at start-up: the big file goes in before the server starts.
		fs.writeFileSync(path.join(CRASH, 'build/client/big.bin'), Buffer.alloc(BIG, 'm'));
		server = await spawnServer(['build'], LIMITS, CRASH);
		port = Number(new URL(server.url).port);
	}, 120_000);
	afterAll(async () => {
		await server?.stop();
	});

	it('closes every slow connection by its timeout while a normal client keeps getting answers', { timeout: 60_000 }, async () => {
		const island = islandUrl(server.url, 'Hello', tokenOf((await get(`${server.url}/shell`)).body, 'Hello'));
		const fdsBefore = fds(server.pid);

		const slow: Slow[] = [];
		for (let i = 0; i < 10; i++) slow.push(open(port, 'silent'));
		for (let i = 0; i < 30; i++) {
			const each = open(port, 'trickled headers');
			each.socket.write('GET /shell HTTP/1.1\r\n');
			trickle(each.socket, `Host: x\r\n${'X-Slow: y\r\n'.repeat(200)}\r\n`);
			slow.push(each);
		}
		const body = 'x'.repeat(2000);
		for (let i = 0; i < 30; i++) {
			const target = i % 2 ? '/upload' : '/_mochi/island/Hello';
			const each = open(port, `trickled body ${target}`);
			each.socket.write(`POST ${target} HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: ${body.length}\r\n\r\n`);
			trickle(each.socket, body);
			slow.push(each);
		}
		for (let i = 0; i < 5; i++) {
			const each = open(port, 'idle after one request');
			each.socket.write('GET /api/pid HTTP/1.1\r\nHost: x\r\n\r\n');
			slow.push(each);
		}
		const readers: Slow[] = [];
		for (let i = 0; i < 20; i++) {
			const target = i % 2 ? '/big/stream?mb=16' : '/big.bin';
			readers.push(slowReader(port, target, i % 4 < 2 ? undefined : 50));
		}
		slow.push(...readers);

		// The normal client, meanwhile: one request at a time, a page from memory, an island and an endpoint.
		const latencies: number[] = [];
		const failures: string[] = [];
		const deadline = Date.now() + HOLD_MS;
		const normal = (async () => {
			const targets = [`${server.url}/shell`, island, `${server.url}/api/pid`];
			for (let i = 0; Date.now() < deadline && i < 2_000; i++) {
				const started = Date.now();
				const answer = await get(targets[i % 3], { timeoutMs: 10_000 }).catch((error: Error) => ({ status: 0, body: error.message }));
				latencies.push(Date.now() - started);
				if (answer.status !== 200) failures.push(`${targets[i % 3]}: ${answer.status} ${answer.body.slice(0, 80)}`);
				await sleep(50);
			}
		})();
		// And long downloads: at full speed, and at a steady 4 MB/s (16 MB: 4 s, twice the send timeout).
		const downloads = Promise.all([
			download(port, '/big.bin'),
			download(port, '/big/stream?mb=16'),
			download(port, '/big.bin', 4 * 1024 * 1024),
			download(port, '/big/stream?mb=16', 4 * 1024 * 1024)
		]);
		const [sizes] = await Promise.all([downloads, normal]);
		expect(sizes).toEqual([BIG, BIG, BIG, BIG]);

		// A reader that reads nothing notices the cut only when it reads again: every one resumes now.
		for (const reader of readers) {
			reader.socket.on('data', (chunk: Buffer) => (reader.bytes += chunk.length)).resume();
		}
		await waitUntil(() => (slow.every((each) => each.closedAfter !== undefined) ? true : undefined), 15_000, 'every slow connection to close');

		const byKind = new Map<string, Slow[]>();
		for (const each of slow) byKind.set(each.kind, [...(byKind.get(each.kind) ?? []), each]);
		// A slow reader's close is seen when it reads again (after the hold); the server's log says when it cut.
		const summary = [...byKind].filter(([kind]) => !kind.startsWith('slow reader')).map(([kind, list]) => `${list.length} ${kind} closed after ${Math.min(...list.map((s) => s.closedAfter!))}–${Math.max(...list.map((s) => s.closedAfter!))} ms`);

		for (const each of byKind.get('silent')!) {
			expect(each.received, each.kind).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
			expect(each.closedAfter).toBeGreaterThanOrEqual(1_900);
		}
		// A trickler may send its next two bytes after the server wrote its 408 and closed: the server's kernel
		// answers them with a reset, which can discard the 408 before this (loaded) process read it. So each is
		// a 408 or nothing, at its timeout, and the 408 is seen on at least one of the thirty.
		const trickled = byKind.get('trickled headers')!;
		for (const each of trickled) {
			expect(each.received, each.kind).toMatch(/^(HTTP\/1\.1 408 Request Timeout|)/);
			if (each.received) expect(each.received, each.kind).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
			expect(each.closedAfter).toBeGreaterThanOrEqual(1_900);
		}
		expect(trickled.some((each) => each.received.startsWith('HTTP/1.1 408 Request Timeout'))).toBe(true);
		for (const each of byKind.get('trickled body /_mochi/island/Hello')!) {
			expect(each.received).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
			expect(each.closedAfter).toBeGreaterThanOrEqual(3_900);
		}
		// The endpoint awaits the body, so the 1 s render timeout answers first; the body timeout still closes it.
		for (const each of byKind.get('trickled body /upload')!) {
			expect(each.received).toMatch(/^HTTP\/1\.1 (503 Service Unavailable|408 Request Timeout)/);
			expect(each.closedAfter).toBeGreaterThanOrEqual(3_900);
		}
		for (const each of byKind.get('idle after one request')!) {
			expect(each.received).toMatch(/^HTTP\/1\.1 200 OK/);
			expect(each.closedAfter).toBeGreaterThanOrEqual(1_000);
		}
		for (const reader of readers) {
			expect(reader.bytes, reader.kind).toBeLessThan(BIG);
			expect(reader.closedAfter).toBeGreaterThanOrEqual(2_000);
		}
		const cutAfter = [...server.output().matchAll(/the client took \d+ B in (\d+) ms of an answer waiting for it/g)].map((m) => Number(m[1]));
		const cuts = cutAfter.length;
		// Rate-limited at 20 lines per 10 s: at least that many of the 20 readers were named in the log.
		expect(cuts).toBeGreaterThanOrEqual(20);

		expect(failures).toEqual([]);
		expect(Math.max(...latencies)).toBeLessThan(10_000);
		// The files the cut-off readers were reading are closed with their connections.
		await sleep(500);
		const fdsAfter = fds(server.pid);
		if (fdsBefore !== undefined && fdsAfter !== undefined) expect(fdsAfter).toBeLessThanOrEqual(fdsBefore + 5);
		expect((await get(`${server.url}/shell`)).status).toBe(200);

		console.log(
			`[slow clients] ${slow.length} slow connections held off: ${summary.join('; ')}; ${readers.length} slow readers ` +
				`(half reading nothing, half 1 B every 50 ms) cut off, ${cuts} of them logged (rate limit) after ` +
				`${Math.min(...cutAfter)}–${Math.max(...cutAfter)} ms of an answer waiting. ` +
				`Normal client meanwhile: ${latencies.length} requests, all 200, latency p50 ${percentile(latencies, 50)} ms, ` +
				`p95 ${percentile(latencies, 95)} ms, max ${Math.max(...latencies)} ms; 4 downloads of 16 MB complete ` +
				`(2 at full speed, 2 at 4 MB/s); server fds ${fdsBefore} → ${fdsAfter}`
		);
	});

	it('refuses a bad setting at start-up, naming the variable, without a stack', { timeout: 30_000 }, async () => {
		const child = spawn(process.execPath, ['build'], {
			cwd: CRASH,
			env: { ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', MOCHI_SEND_TIMEOUT: '30s' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		child.stdout!.on('data', (chunk) => (output += chunk));
		child.stderr!.on('data', (chunk) => (output += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
		const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
		clearTimeout(timer);
		expect(code).toBe(1);
		expect(output).toContain('mochi: MOCHI_SEND_TIMEOUT must be a whole number of milliseconds from 0 (off) to 2147483647, got "30s"');
		expect(output).not.toContain('    at ');
	});
});
