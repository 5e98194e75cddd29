/** Which process answered (a worker, under MOCHI_WORKERS). */
export function GET(): Response {
	return Response.json({ pid: process.pid }, { headers: { 'cache-control': 'no-store' } });
}
