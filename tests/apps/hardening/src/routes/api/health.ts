import { gauge } from '$lib/gauge.js';

/** The process behind this answer: pid, memory (after a GC when started with --expose-gc) and the Echo gauge. */
export function GET(): Response {
	(globalThis as { gc?: () => void }).gc?.();
	const { rss, heapUsed, heapTotal } = process.memoryUsage();
	return Response.json({ pid: process.pid, rss, heapUsed, heapTotal, ...gauge() }, { headers: { 'cache-control': 'no-store' } });
}
