import { redirect, refreshIslands, type RequestContext } from 'mochi-framework';
import { store } from '$lib/store.js';

export async function POST(_ctx: RequestContext) {
	store.count++;
	store.mutations++;
	refreshIslands('CartCount');
	redirect(303, '/');
}

// Test-only levers for the fixture's state (JSON: not a form, so no CSRF question).
export async function PUT(ctx: RequestContext) {
	Object.assign(store, await ctx.request.json());
	return new Response(JSON.stringify(store), { headers: { 'content-type': 'application/json' } });
}
