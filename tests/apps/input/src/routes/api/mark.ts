import type { RequestContext } from 'mochi-framework';

/**
 * Prints a line to stdout, where the server logs too: once the test sees it, every line the server
 * logged for earlier requests is in (one stream keeps its order).
 */
export function GET({ url }: RequestContext): Response {
	console.log(`[mark] ${url.searchParams.get('id')}`);
	return new Response('marked');
}
