import { json, type RequestContext } from 'mochi-framework';
import { release } from '$lib/gate.js';

export function GET({ url }: RequestContext) {
	return json({ waiting: release(url.searchParams.get('gate') ?? '') });
}
