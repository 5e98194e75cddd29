// The part of autocannon's API that load-child.ts uses (the package ships no types).
declare module 'autocannon' {
	import type { EventEmitter } from 'node:events';

	interface Options {
		url: string;
		connections?: number;
		/** Seconds. */
		duration?: number;
		headers?: Record<string, string>;
		/** Seconds. */
		timeout?: number;
		/** Each connection sends these in turn, then starts over. */
		requests?: { path: string }[];
	}

	interface Result {
		/** Seconds. */
		duration: number;
		errors: number;
		timeouts: number;
		throughput: { total: number };
	}

	export default function autocannon(options: Options, done: (error: Error | null, result: Result) => void): EventEmitter;
}
