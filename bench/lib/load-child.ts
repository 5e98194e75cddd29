// The load generator, in its own process so it never shares an event loop (or a core it could hog)
// with the parent that reads the server's CPU time. Runs autocannon once and prints one JSON line.
// Argument: a JSON LoadOptions. Latencies are kept at full precision here: autocannon's own
// histogram stores whole milliseconds, too coarse for requests that take a fraction of one.
import autocannon from 'autocannon';
import type { LoadOptions, LoadResult } from './load.js';

const options = JSON.parse(process.argv[2]) as LoadOptions;
const latencies: number[] = [];
const statuses: Record<string, number> = {};

const instance = autocannon(
	{
		url: options.url,
		connections: options.connections,
		duration: options.seconds,
		headers: options.headers,
		...(options.paths && { requests: options.paths.map((path) => ({ path })) }),
		timeout: 10
	},
	(error, result) => {
		if (error) {
			console.error(error);
			process.exit(1);
		}
		latencies.sort((a, b) => a - b);
		const output: LoadResult = {
			requests: latencies.length,
			seconds: result.duration,
			errors: result.errors,
			timeouts: result.timeouts,
			statuses,
			bytes: result.throughput.total,
			p50: percentile(latencies, 0.5),
			p99: percentile(latencies, 0.99)
		};
		process.stdout.write(JSON.stringify(output) + '\n');
	}
);

instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
	latencies.push(responseTime);
	statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
});

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}
