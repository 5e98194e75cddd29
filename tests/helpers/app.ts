// Start Mochi apps for tests: `mochi build` + `node build` as a real child process, or the Vite dev
// server in-process. Both listen on 127.0.0.1, port 0, and every wait is bounded.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { format, promisify } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ViteDevServer } from 'vite';
import { collectOutput, withoutAnsi } from './output.js';

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
	return withoutAnsi(stdout + stderr);
}

/** Run `mochi build` that must fail: its message and output, or an error if it succeeded. */
export async function buildFailure(root: string, env: Record<string, string> = {}): Promise<string> {
	const output = await buildApp(root, env).then(
		() => null,
		(failure: Error & { stdout?: string; stderr?: string }) => withoutAnsi(`${failure.message}\n${failure.stdout ?? ''}\n${failure.stderr ?? ''}`)
	);
	if (output === null) throw new Error(`mochi build in ${root} should have failed, and succeeded`);
	return output;
}

/** `node <args>` in an app folder as production runs it (127.0.0.1, a free port), its output collected. */
export function spawnNode(root: string, args: string[] = ['build'], env: Record<string, string> = {}) {
	const child = spawn(process.execPath, args, {
		cwd: root,
		env: { ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	return { child, output: collectOutput(child) };
}

/** `node build` in an app folder, as production runs it. */
export async function startBuilt(root: string, env: Record<string, string> = {}): Promise<RunningApp> {
	const { child, output } = spawnNode(root, ['build'], env);
	const url = await waitFor(child, () => output().match(/Listening on (http:\/\/[^\s]+)/)?.[1], output);
	return { url, output, stop: () => stopChild(child) };
}

/**
 * The app as a browser suite runs it: `built` builds and serves it with one shared MOCHI_KEY, as a deploy
 * would (and NODE_ENV=production: vitest sets `test`, which Vite honours over `mode: 'production'` and which
 * would ship Svelte's development build); `dev` starts the dev server. `buildEnv` goes to the build only.
 */
export async function startInMode(root: string, mode: 'built' | 'dev', buildEnv: Record<string, string> = {}): Promise<RunningApp> {
	if (mode === 'dev') return startDev(root);
	const env = { MOCHI_KEY: randomBytes(32).toString('base64url') };
	await buildApp(root, { ...env, NODE_ENV: 'production', ...buildEnv });
	return startBuilt(root, env);
}

/**
 * The Vite dev server with the app's own vite.config.ts, in this process. `output()` holds Vite's log
 * and what the app logs through console.error / console.warn (the framework's default log) while it runs.
 */
/**
 * `watch`: follow file edits (HMR tests); off by default, so suites don't hold file watchers.
 * `configFile`: another config of the same app, relative to `root` (default `vite.config.ts`).
 */
export async function startDev(root: string, options: { watch?: boolean; configFile?: string } = {}): Promise<RunningApp> {
	const { createServer } = await import('vite');
	let output = '';
	const capture = (msg: string) => (output += withoutAnsi(msg) + '\n');
	const untap = tapConsole(capture);
	let server: ViteDevServer;
	try {
		server = await createServer({
			root,
			configFile: path.join(root, options.configFile ?? 'vite.config.ts'),
			logLevel: 'error',
			customLogger: {
				info: capture, warn: capture, warnOnce: capture, error: capture,
				clearScreen() {}, hasErrorLogged: () => false, hasWarned: false
			},
			server: { port: 0, host: '127.0.0.1', strictPort: false, watch: options.watch ? {} : null }
		});
		await server.listen();
	} catch (error) {
		untap();
		throw error;
	}
	const address = server.httpServer!.address();
	if (!address || typeof address === 'string') throw new Error('dev server has no address');
	return {
		url: `http://127.0.0.1:${address.port}`,
		output: () => output,
		stop: async () => {
			try {
				await server.close();
			} finally {
				untap();
			}
		}
	};
}

// console.error / console.warn go to every running dev server's output (not to the terminal) while any runs.
const sinks = new Set<(line: string) => void>();
let restoreConsole: (() => void) | null = null;

function tapConsole(sink: (line: string) => void): () => void {
	sinks.add(sink);
	if (!restoreConsole) {
		const { error, warn } = console;
		const write = (...args: unknown[]) => {
			for (const each of sinks) each(format(...args));
		};
		console.error = write;
		console.warn = write;
		restoreConsole = () => Object.assign(console, { error, warn });
	}
	return () => {
		sinks.delete(sink);
		if (sinks.size === 0 && restoreConsole) {
			restoreConsole();
			restoreConsole = null;
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
