// Shared by the hooks suites (hooks, redirects, status-json): the fixture app, island requests with a
// page's token, raw HTTP for header assertions no fetch can make, and a wait for a log line.
import net from 'node:net';
import path from 'node:path';
import { expect } from 'vitest';
import { REPO, tokenOf, type RunningApp } from '../helpers/app.js';
import { waitFor } from '../helpers/wait.js';
import { get, islandPath, type Fetched } from './support.js';

export const HOOKS = path.join(REPO, 'tests/apps/hooks');

/** Island `name` of `page`, requested as the browser runtime does (the page as Referer), with `init` on top. */
export async function island(app: RunningApp, page: string, name: string, init: { cookie?: string; query?: string } = {}): Promise<Fetched> {
	const shell = await get(app, page, { headers: init.cookie ? { cookie: init.cookie } : {} });
	expect(shell.status, shell.body.slice(0, 500)).toBe(200);
	const headers: Record<string, string> = { referer: `${app.url}${page}` };
	if (init.cookie) headers.cookie = init.cookie;
	return get(app, islandPath(name, tokenOf(shell.body, name)) + (init.query ?? ''), { headers });
}

/** The response head exactly as the server wrote it (status line and header lines), over a plain socket. */
export function rawHead(app: RunningApp, target: string, method = 'GET'): Promise<string[]> {
	const { hostname, port } = new URL(app.url);
	return new Promise((resolve, reject) => {
		let received = '';
		const socket = net.connect({ host: hostname, port: Number(port) }, () => {
			const length = method === 'GET' || method === 'HEAD' ? '' : 'Content-Length: 0\r\n';
			socket.write(`${method} ${target} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n${length}Connection: close\r\n\r\n`);
		});
		socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer to GET ${target} within 10 s`)));
		socket.on('data', (chunk) => (received += chunk.toString('latin1')));
		socket.on('error', reject);
		socket.on('close', () => {
			const end = received.indexOf('\r\n\r\n');
			resolve((end === -1 ? received : received.slice(0, end)).split('\r\n'));
		});
	});
}

/** Waits (bounded) until the server has logged a line matching `pattern`. */
export function logged(app: RunningApp, pattern: RegExp): Promise<string> {
	return waitFor(() => app.output().split('\n').find((line) => pattern.test(line)), { what: `a log line matching ${pattern}`, timeout: 5000 });
}

/** The server still answers: a hostile request must never take it down. */
export async function stillUp(app: RunningApp): Promise<void> {
	const { status, body } = await get(app, '/');
	expect(status).toBe(200);
	expect(body).toContain('[index]');
}
