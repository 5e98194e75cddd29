// Drives a server with autocannon in a child process (lib/load-child.ts) and reads what it served.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./load-child.ts', import.meta.url));
const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

export interface LoadOptions {
	url: string;
	connections: number;
	seconds: number;
	headers: Record<string, string>;
	/** Paths on `url`'s server that each connection requests in turn, instead of `url` alone. */
	paths?: string[];
}

export interface LoadResult {
	/** Responses received (every status). */
	requests: number;
	seconds: number;
	errors: number;
	timeouts: number;
	/** Responses by status code. */
	statuses: Record<string, number>;
	/** Response bytes received, headers included. */
	bytes: number;
	/** Latency percentiles in milliseconds. */
	p50: number;
	p99: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
	const { stdout } = await run(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(options)], {
		cwd: BENCH_DIR,
		timeout: (options.seconds + 30) * 1000,
		maxBuffer: 1024 * 1024
	});
	return JSON.parse(stdout.trim().split('\n').pop()!) as LoadResult;
}
