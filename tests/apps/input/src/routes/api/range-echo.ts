import type { RequestContext } from 'mochi-framework';

/** The Range header as the endpoint sees it: a path that is no file keeps its Range for the app. */
export function GET({ request }: RequestContext): Response {
	return new Response(request.headers.get('range') ?? 'no range');
}
