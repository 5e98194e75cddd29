import type { Handle } from 'mochi-framework';

// Runs for streamed islands too: what it puts in locals is what the island reads (Personal.svelte).
export const handle: Handle = (ctx, resolve) => {
	ctx.locals.who = ctx.cookies.get('user') ?? 'nobody';
	return resolve();
};
