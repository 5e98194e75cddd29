// Start Mochi apps for tests: `mochi build` + `node build` as a real child process, or the Vite dev
// server in-process. Both listen on 127.0.0.1, port 0, and every wait is bounded.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ViteDevServer } from 'vite';

const run = promisify(execFile);
export const REPO = path.resolve(fileURLToPath(new URL('..', import.meta.url)), '..');
const CLI = path.join(REPO, 'packages/mochi/bin/mochi.js');

export interface RunningApp {
	url: string;
	/** Everything the server printed (stdout and stderr), for assertions on log lines. */
	output(): string;
	stop(): Promise<void>;
}

/** Run `mochi build` in an app folder (throws with the build's output on failure). */
export async function buildApp(root: string, env: Record<string, string> = {}): Promise<string> {
	const { stdout, stderr } = await run(process.execPath, [CLI, 'build'], {
		cwd: root,
		env: { ...process.env, ...env },
		timeout: 120_000
	});
	return stdout + stderr;
}

/** `node build` in an app folder, as production runs it. */
export async function startBuilt(root: string, env: Record<string, string> = {}): Promise<RunningApp> {
	const child = spawn(process.execPath, ['build'], {
		cwd: root,
		env: { ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	const url = await waitFor(child, () => output.match(/Listening on (http:\/\/[^\s]+)/)?.[1], () => output);
	return { url, output: () => output, stop: () => stopChild(child) };
}

/** The Vite dev server with the app's own vite.config.ts, in this process. */
export async function startDev(root: string): Promise<RunningApp> {
	const { createServer } = await import('vite');
	let output = '';
	const capture = (msg: string) => (output += msg + '\n');
	const server: ViteDevServer = await createServer({
		root,
		configFile: path.join(root, 'vite.config.ts'),
		logLevel: 'error',
		customLogger: {
			info: capture, warn: capture, warnOnce: capture, error: capture,
			clearScreen() {}, hasErrorLogged: () => false, hasWarned: false
		},
		server: { port: 0, host: '127.0.0.1', strictPort: false, watch: null }
	});
	await server.listen();
	const address = server.httpServer!.address();
	if (!address || typeof address === 'string') throw new Error('dev server has no address');
	return {
		url: `http://127.0.0.1:${address.port}`,
		output: () => output,
		stop: async () => {
			await server.close();
		}
	};
}

async function waitFor<T>(child: ChildProcess, check: () => T | undefined, output: () => string, timeoutMs = 20_000): Promise<T> {
	const started = Date.now();
	while (Date.now() - started < timeoutMs) {
		const value = check();
		if (value !== undefined) return value;
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	child.kill('SIGKILL');
	throw new Error(`server did not start within ${timeoutMs} ms:\n${output()}`);
}

export async function stopChild(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
	if (child.exitCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
	await exited;
	clearTimeout(timer);
}

/** The token of island `name` in a page's HTML. */
export function tokenOf(html: string, name: string): string {
	const match = html.match(new RegExp(`<mochi-island[^>]*name="${name}"[^>]*signed-props="([^"]+)"`));
	if (!match) throw new Error(`no <mochi-island name="${name}"> in:\n${html.slice(0, 2000)}`);
	return match[1];
}
