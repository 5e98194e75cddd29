/** A real server bug: every request fails. */
export function GET(): Response {
	throw new Error('boom: a bug in the endpoint');
}
