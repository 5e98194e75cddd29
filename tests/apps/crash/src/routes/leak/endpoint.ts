import { leak, leakFromEvent } from '$lib/leak.js';

/** Answers at once, leaving a rejection, a timer throw and an event handler throw behind. */
export function GET(): Response {
	leak('endpoint');
	leakFromEvent('endpoint');
	return Response.json({ pid: process.pid }, { headers: { 'cache-control': 'no-store' } });
}
