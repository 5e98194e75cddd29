/**
 * Test-only: a real crash (the process exits with 1), which the cluster's primary must count and answer by
 * forking a new worker. Refused unless the suite started the server with CRASH_FIXTURE_EXIT=1.
 */
export function POST(): Response {
	if (process.env.CRASH_FIXTURE_EXIT !== '1') return new Response('not enabled', { status: 404 });
	setTimeout(() => process.exit(1), 50);
	return Response.json({ pid: process.pid, exiting: true });
}
