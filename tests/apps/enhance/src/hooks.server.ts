import { redirect, refreshIslands, type Handle } from 'mochi-framework';
import { store } from '$lib/store.js';

// A POST to /hooked is answered by the hook alone: it mutates, asks for refreshes and redirects.
export const handle: Handle = async (ctx, resolve) => {
	if (ctx.url.pathname === '/hooked' && ctx.request.method === 'POST') {
		store.count += 10;
		store.mutations++;
		refreshIslands('CartCount', 'MiniCart');
		redirect(303, '/');
	}
	return resolve();
};
