// Shared by the hardening suites: the fixture app, servers as child processes we can signal, a node:http
// client whose socket pool the test chooses, and load loops bounded in count and in time.
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { REPO, spawnNode } from '../helpers/app.js';

export const APP = path.join(REPO, 'tests/apps/hardening');
export const CLI = path.join(REPO, 'packages/mochi/bin/mochi.js');

/** `mochi build` plus a server start, with room to spare on a slow CI machine. */
export const START_TIMEOUT = 120_000;

export interface Server {
	url: string;
	/** The process we spawned: the server, or a cluster's primary. */
	pid: number;
	output(): string;
	/** Resolves once the process has exited. */
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	/** SIGTERM, then SIGKILL after 15 s; resolves with how it exited. */
	stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `node <args>` in the fixture app (default `node build`), on 127.0.0.1 and a free port. */
export async function spawnServer(args: string[] = ['build'], env: Record<string, string> = {}, root = APP): Promise<Server> {
	const spawned = spawnNode(root, args, env);
	const child = spawned.child;
	let stopping = false;
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once('exit', (code, signal) => {
			// A server that dies under load is the finding: show why in the CI log, whatever the test asserts next.
			if (!stopping && (code !== 0 || signal)) {
				console.log(`[hardening] server ${child.pid} exited (${signal ?? code}) on its own:\n${spawned.output().slice(-4000)}`);
			}
			resolve({ code, signal });
		})
	);
	const stop = async () => {
		stopping = true;
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
		const result = await exited;
		clearTimeout(timer);
		return result;
	};
	const started = Date.now();
	while (Date.now() - started < 20_000) {
		const url = spawned.output().match(/Listening on (http:\/\/[^\s]+)/)?.[1];
		if (url) return { url, pid: child.pid!, output: spawned.output, exited, stop };
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${spawned.output()}`);
		await sleep(50);
	}
	child.kill('SIGKILL');
	throw new Error(`server did not start within 20 s:\n${spawned.output()}`);
}

/** Runs a process to its end (bounded), for start-up errors. */
export async function runToExit(args: string[], env: Record<string, string> = {}, timeoutMs = 20_000) {
	const child = spawn(process.execPath, args, {
		cwd: APP,
		env: { ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
	const code = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	clearTimeout(timer);
	return { code, output };
}

export interface Answer {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** One GET through node:http, so the caller picks the agent (pool size, keep-alive). Bounded by `timeoutMs`. */
export function get(
	url: string,
	options: { agent?: http.Agent | false; headers?: Record<string, string>; timeoutMs?: number } = {}
): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const request = http.get(url, { agent: options.agent ?? false, headers: options.headers }, (response) => {
			let body = '';
			response.setEncoding('utf8');
			response.on('data', (chunk: string) => (body += chunk));
			response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
			response.on('error', reject);
		});
		request.setTimeout(options.timeoutMs ?? 30_000, () => request.destroy(new Error(`timed out: ${url}`)));
		request.on('error', reject);
	});
}

/** The token of island `name` in a page's HTML. */
export function tokenOf(html: string, name: string): string {
	const match = html.match(new RegExp(`<mochi-island[^>]*name="${name}"[^>]*signed-props="([^"]+)"`));
	if (!match) throw new Error(`no <mochi-island name="${name}"> in:\n${html.slice(0, 2000)}`);
	return match[1];
}

export function islandUrl(base: string, name: string, token: string): string {
	return `${base}/_mochi/island/${name}?p=${encodeURIComponent(token)}`;
}

/** What the Echo island rendered, or undefined if the body is not an Echo fragment. */
export function readEcho(body: string) {
	const match = body.match(/\[echo\] visitor=(\S*) before=(\S*) page=(\S*) origin=(\S*) pid=(\d+) render=(\S+)<\/p>/);
	if (!match) return undefined;
	const [, visitor, before, page, origin, pid, render] = match;
	return { visitor, before, page, origin, pid: Number(pid), render, count: body.split('[echo]').length - 1 };
}

export interface Health {
	pid: number;
	rss: number;
	heapUsed: number;
	/** What V8 has reserved for the heap, young generation included: most of RSS's rise in the first seconds of load. */
	heapTotal: number;
	peak: number;
}

/** The fixture's /api/health: the answering process's pid and memory (after a GC under --expose-gc). */
export async function health(base: string): Promise<Health> {
	const { status, body } = await get(`${base}/api/health`);
	if (status !== 200) throw new Error(`/api/health answered ${status}`);
	return JSON.parse(body) as Health;
}

export const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

export interface LoadResult {
	requests: number;
	failures: string[];
}

/**
 * Runs `task` from `concurrency` loops until `durationMs` has passed or `maxRequests` were made, whichever
 * comes first. A task that throws is a failure (its message is kept, up to 20 of them).
 */
export async function runLoad(options: {
	durationMs: number;
	concurrency: number;
	maxRequests: number;
	task: (index: number) => Promise<void>;
}): Promise<LoadResult> {
	const deadline = Date.now() + options.durationMs;
	let requests = 0;
	let failureCount = 0;
	const failures: string[] = [];
	const loop = async () => {
		while (Date.now() < deadline && requests < options.maxRequests) {
			const index = requests++;
			try {
				await options.task(index);
			} catch (error) {
				failureCount += 1;
				if (failures.length < 20) failures.push(`#${index}: ${(error as Error).message}`);
			}
		}
	};
	await Promise.all(Array.from({ length: options.concurrency }, loop));
	if (failureCount > failures.length) failures.push(`… ${failureCount - failures.length} more`);
	return { requests, failures };
}

/** Polls `check` every 50 ms until it returns a value, for at most `timeoutMs`. */
export async function waitUntil<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
	const started = Date.now();
	while (Date.now() - started < timeoutMs) {
		const value = await check();
		if (value !== undefined) return value;
		await sleep(50);
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** True while a process with this pid exists. */
export function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** `count` distinct ports that were free a moment ago (nginx cannot report a port it picked, so we choose). */
export async function freePorts(count: number): Promise<number[]> {
	// All held open together, so the kernel cannot hand out one port twice.
	const servers = await Promise.all(
		Array.from({ length: count }, () => {
			const server = net.createServer();
			return new Promise<net.Server>((resolve, reject) => {
				server.once('error', reject);
				server.listen(0, '127.0.0.1', () => resolve(server));
			});
		})
	);
	const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
	await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
	return ports;
}

/** Seconds from an env variable, clamped to `[1, max]`. */
export function seconds(name: string, fallback: number, max: number): number {
	const value = Number(process.env[name] ?? fallback);
	return Math.min(max, Math.max(1, Number.isFinite(value) ? value : fallback)) * 1000;
}
