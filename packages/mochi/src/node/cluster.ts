// `mochi start --workers N` / `MOCHI_WORKERS=N`: N processes share one port through node:cluster.
// The primary serves nothing itself: it forks the workers (each re-runs the same entry and serves), restarts
// one that dies, gives up on a crash loop, and drains them all on SIGTERM/SIGINT.
import cluster, { type Worker } from 'node:cluster';
import { handleShutdownSignals } from './signals.js';

/** The one message the primary sends: drain, then exit. IPC rather than a signal, see `runWorker`. */
const SHUTDOWN = 'mochi:shutdown';

export interface RestartPolicy {
	/** This many crashes within `windowMs` is a crash loop: the primary stops instead of restarting. */
	maxCrashes: number;
	windowMs: number;
	/** The first restart waits this long, doubling with each recent crash up to `maxDelayMs`. */
	baseDelayMs: number;
	maxDelayMs: number;
}

export const RESTART_POLICY: RestartPolicy = { maxCrashes: 5, windowMs: 10_000, baseDelayMs: 100, maxDelayMs: 5_000 };

/**
 * Counts crashes in a sliding window. Returns the delay before the next fork, or `undefined` for a crash
 * loop: a worker that dies at start-up (a bad deploy) must not be forked forever.
 */
export function crashCounter(policy: RestartPolicy = RESTART_POLICY): (now: number) => number | undefined {
	const crashes: number[] = [];
	return (now) => {
		crashes.push(now);
		while (crashes[0] <= now - policy.windowMs) crashes.shift();
		if (crashes.length >= policy.maxCrashes) return undefined;
		return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (crashes.length - 1));
	};
}

export interface PrimaryOptions {
	workers: number;
	/** Added to each worker's environment: the shared MOCHI_KEY, so any worker verifies any worker's islands. */
	env: Record<string, string>;
	/** The URL to print once every worker listens. */
	url: (port: number) => string;
	log: (line: string) => void;
	/** What each worker allows its in-flight requests (server.ts); the primary waits that plus a margin. */
	shutdownTimeoutMs?: number;
	policy?: RestartPolicy;
}

/** Forks the workers; resolves once all of them listen, after printing one "Listening on … (N workers)". */
export function runPrimary(options: PrimaryOptions): Promise<void> {
	const { log, workers } = options;
	const crashed = crashCounter(options.policy);
	const live = new Map<number, Worker>();
	const listening = new Set<number>();
	const restarts = new Set<NodeJS.Timeout>();
	let announced = false;
	let stopping: Promise<void> | undefined;

	const fork = () => {
		const worker = cluster.fork(options.env);
		live.set(worker.id, worker);
	};

	const stop = () => {
		stopping ??= drainWorkers(live, (options.shutdownTimeoutMs ?? 10_000) + 5_000, log);
		for (const timer of restarts) clearTimeout(timer);
		restarts.clear();
		return stopping;
	};

	return new Promise((resolve) => {
		cluster.on('listening', (worker, address) => {
			listening.add(worker.id);
			if (announced) return log(`[mochi] worker ${worker.process.pid} is listening`);
			if (listening.size < workers) return;
			announced = true;
			log(`Listening on ${options.url(address.port)} (${workers} workers)`);
			resolve();
		});

		cluster.on('exit', (worker, code, signal) => {
			live.delete(worker.id);
			listening.delete(worker.id);
			if (stopping) return;
			const pid = worker.process.pid;
			const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
			// A clean exit (a worker drained on its own SIGTERM) is replaced but is no crash.
			const delay = code === 0 && !signal ? RESTART_POLICY.baseDelayMs : crashed(Date.now());
			if (delay === undefined) {
				const { maxCrashes, windowMs } = options.policy ?? RESTART_POLICY;
				log(
					`[mochi] worker ${pid} ${how}: ${maxCrashes} workers crashed within ${windowMs / 1000} s, ` +
						'giving up (crash loop). Fix the error above and start again.'
				);
				void stop()
					.catch(() => {})
					.then(() => process.exit(1));
				return;
			}
			log(`[mochi] worker ${pid} ${how}; starting a new one in ${delay} ms`);
			const timer = setTimeout(() => (restarts.delete(timer), fork()), delay);
			restarts.add(timer);
		});

		handleShutdownSignals(stop, log);
		for (let i = 0; i < workers; i++) fork();
	});
}

/** Asks every worker to drain; SIGKILLs what is left after `timeoutMs`. Rejects if a worker did not exit cleanly. */
function drainWorkers(live: Map<number, Worker>, timeoutMs: number, log: (line: string) => void): Promise<void> {
	return new Promise((resolve, reject) => {
		const failures: string[] = [];
		const force = setTimeout(() => {
			log(`[mochi] workers still running after ${timeoutMs} ms, killing them`);
			for (const worker of live.values()) worker.process.kill('SIGKILL');
		}, timeoutMs);
		const settle = () => {
			if (live.size > 0) return;
			clearTimeout(force);
			cluster.off('exit', onExit);
			if (failures.length) reject(new Error(`workers did not exit cleanly: ${failures.join(', ')}`));
			else resolve();
		};
		// Registered after runPrimary's own handler, which has already removed the worker from `live`.
		const onExit = (worker: Worker, code: number, signal: string | null) => {
			if (code !== 0 || signal) failures.push(`${worker.process.pid} (${signal ?? `code ${code}`})`);
			settle();
		};
		cluster.on('exit', onExit);
		for (const worker of live.values()) {
			// A worker that is already gone has no channel; its exit event settles it.
			if (worker.isConnected()) worker.send(SHUTDOWN, () => {});
		}
		settle();
	});
}

/**
 * In a worker: start the server, and drain then exit when the primary asks. The message is heard from the
 * start, so a shutdown during start-up is not lost. IPC, not a signal: a terminal's Ctrl-C already sends
 * SIGINT to every worker, and a second signal means "exit now" (signals.ts).
 */
export async function runWorker<T extends { close(): Promise<void> }>(start: () => Promise<T>): Promise<T> {
	let server: T | undefined;
	let requested = false;
	const drain = () => server!.close().then(() => process.exit(0), () => process.exit(1));
	process.on('message', (message) => {
		if (message !== SHUTDOWN || requested) return;
		requested = true;
		if (server) void drain();
	});
	server = await start();
	if (requested) void drain();
	return server;
}
