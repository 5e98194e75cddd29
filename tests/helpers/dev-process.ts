// `mochi dev` as a user runs it: the CLI in a child process (its own terminal output, its own file
// watcher), on 127.0.0.1 and a free port. Every wait is bounded.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO, stopChild, type RunningApp } from './app.js';
import { collectOutput } from './output.js';

const CLI = path.join(REPO, 'packages/mochi/bin/mochi.js');

export async function spawnDev(root: string, timeoutMs = 60_000): Promise<RunningApp> {
	const child = spawn(process.execPath, [CLI, 'dev', '--port', '0', '--host', '127.0.0.1'], {
		cwd: root,
		env: { ...process.env, NODE_ENV: 'development', NO_COLOR: '1', FORCE_COLOR: '0' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const output = collectOutput(child);
	const started = Date.now();
	let url: string | undefined;
	while (!url && Date.now() - started < timeoutMs) {
		url = output().match(/Local:\s+(http:\/\/127\.0\.0\.1:\d+)/)?.[1];
		if (child.exitCode !== null) throw new Error(`mochi dev exited with ${child.exitCode}:\n${output()}`);
		if (!url) await new Promise((resolve) => setTimeout(resolve, 100));
	}
	if (!url) {
		await stopChild(child);
		throw new Error(`mochi dev did not print its URL within ${timeoutMs} ms:\n${output()}`);
	}
	return { url, output, stop: () => stopChild(child) };
}
