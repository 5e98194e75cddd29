// `mochi dev` as a user starts it: the CLI in its own process, its terminal output collected (the in-process
// startDev() of app.ts keeps Vite's log to errors). Every wait is bounded.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { REPO } from './app.js';
import { collectOutput } from './output.js';
import { waitFor } from './wait.js';

const CLI = path.join(REPO, 'packages/mochi/bin/mochi.js');

export interface DevProcess {
	child: ChildProcess;
	output(): string;
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/** `mochi dev <args>` in `root`, in a terminal's environment (without vitest's NODE_ENV) plus `env`. */
export function mochiDev(root: string, env: Record<string, string>, args: string[] = []): DevProcess {
	const { NODE_ENV: _nodeEnv, VITEST: _vitest, ...terminal } = process.env;
	const child = spawn(process.execPath, [CLI, 'dev', ...args], { cwd: root, env: { ...terminal, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	return { child, output: collectOutput(child) };
}

/** Resolves once `url` answers 2xx; throws with the server's output if it exits or takes over `timeout`. */
export async function untilServing(dev: DevProcess, url: string, timeout = 60_000): Promise<void> {
	await waitFor(
		async () => {
			if (dev.child.exitCode !== null) throw new Error(`mochi dev exited with ${dev.child.exitCode}:\n${dev.output()}`);
			return fetch(url, { signal: AbortSignal.timeout(5_000) }).then((r) => r.ok, () => false);
		},
		{ what: `mochi dev to answer ${url}`, timeout, interval: 200 }
	);
}

/** The exit code, once the process has exited (within `timeout`). */
export async function exitCode(child: ChildProcess, timeout = 60_000): Promise<number | null> {
	if (child.exitCode !== null) return child.exitCode;
	const { code } = await waitFor(() => (child.exitCode !== null ? { code: child.exitCode } : null), { what: 'mochi dev to exit', timeout });
	return code;
}
