// One start of the scale app's `node build`: how long until it answers its first request, and what it
// holds in memory then. The clock starts when the process is spawned and stops when the first response
// (a prerendered page, brotli) has arrived whole: Node's own start, reading the build, and listening.
import { spawn, type ChildProcess } from 'node:child_process';
import { stopChild } from '../../tests/helpers/app.js';
import { withoutAnsi } from '../../tests/helpers/output.js';
import { get, type RawResponse } from './http.js';

export interface ScaleServer {
	url: string;
	pid: number;
	/** Spawn → first response received, in seconds. */
	startSeconds: number;
	first: RawResponse;
	output(): string;
	stop(): Promise<void>;
}

const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };

export async function startScaleServer(root: string, key: string, firstPath: string, timeoutMs: number): Promise<ScaleServer> {
	const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', MOCHI_KEY: key };
	delete env.NODE_OPTIONS;
	const started = process.hrtime.bigint();
	const child = spawn(process.execPath, ['build'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	try {
		const url = await listening(child, () => output, timeoutMs);
		const first = await get(url + firstPath, BROWSER);
		const startSeconds = Number(process.hrtime.bigint() - started) / 1e9;
		if (first.status !== 200) throw new Error(`GET ${firstPath} answered ${first.status}:\n${first.body.toString('utf8').slice(0, 500)}`);
		return { url, pid: child.pid!, startSeconds, first, output: () => withoutAnsi(output), stop: () => stopChild(child) };
	} catch (error) {
		child.kill('SIGKILL');
		throw error;
	}
}

/** Polls the output for "Listening on …" every 5 ms (bounded), so the poll adds at most that to the figure. */
function listening(child: ChildProcess, output: () => string, timeoutMs: number): Promise<string> {
	return new Promise((resolve, reject) => {
		const deadline = Date.now() + timeoutMs;
		const poll = setInterval(() => {
			const url = withoutAnsi(output()).match(/Listening on (http:\/\/[^\s]+)/)?.[1];
			if (url) return clearInterval(poll), resolve(url);
			if (child.exitCode !== null || Date.now() > deadline) {
				clearInterval(poll);
				reject(new Error(`the server ${child.exitCode !== null ? `exited with ${child.exitCode}` : `did not listen within ${timeoutMs / 1000} s`}:\n${withoutAnsi(output())}`));
			}
		}, 5);
	});
}
