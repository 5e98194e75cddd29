import { json, type RequestContext } from 'mochi-framework';

/** `json()` in every shape an endpoint might use it: `?case=…`. */
export function GET(ctx: RequestContext) {
	switch (ctx.url.searchParams.get('case')) {
		case 'created':
			return json({ id: 7, tags: ['a', 'b'] }, { status: 201, headers: { 'x-made': 'yes' } });
		case 'own-type':
			return json({ data: [] }, { headers: { 'content-type': 'application/vnd.api+json' } });
		case 'bigint':
			return json({ n: 1n });
		case 'cycle': {
			const cycle: Record<string, unknown> = {};
			cycle.self = cycle;
			return json(cycle);
		}
		case 'undefined':
			return json(undefined);
		default:
			return json({ hello: 'world', n: 1, nothing: null, when: new Date(0) });
	}
}
