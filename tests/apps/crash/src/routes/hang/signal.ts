import type { RequestContext } from 'mochi-framework';
import { abandoned } from '$lib/abandoned.js';

/** Never answers on its own: it waits on its request's signal, as a fetch or a query given it would, and notes why it ended. */
export function GET({ request }: RequestContext): Promise<Response> {
	return new Promise(() => {
		request.signal.addEventListener('abort', () => abandoned.push(String((request.signal.reason as Error)?.message)));
	});
}
