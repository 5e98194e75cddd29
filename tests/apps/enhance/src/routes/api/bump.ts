import { redirect, refreshIslands, type RequestContext } from 'mochi-framework';
import { store } from '$lib/store.js';
import { openGate } from '$lib/gate.js';

export async function POST(_ctx: RequestContext) {
	store.count++;
	store.mutations++;
	refreshIslands('CartCount');
	redirect(303, '/');
}

// Test-only levers for the fixture's state (JSON: not a form, so no CSRF question).
export async function PUT(ctx: RequestContext) {
	const { open, ...values } = await ctx.request.json();
	Object.assign(store, values);
	// `released`: how many slow submissions the gate held (gate.ts).
	const released = open ? openGate() : 0;
	return new Response(JSON.stringify({ ...store, released }), { headers: { 'content-type': 'application/json' } });
}
