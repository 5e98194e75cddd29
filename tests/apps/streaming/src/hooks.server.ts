import type { Handle } from 'mochi-framework';

// Runs for streamed islands too: what it puts in locals is what the island reads (Personal.svelte).
export const handle: Handle = async (ctx, resolve) => {
	ctx.locals.who = ctx.cookies.get('user') ?? 'nobody';
	const response = await resolve();
	// The same header on every answer: the page carries it, so its streamed islands lose nothing by not sending it.
	response.headers.set('x-app', 'streaming-test');
	// One only the Tagged island's answer has: streamed, the browser would never get it.
	if (ctx.url.pathname.endsWith('/island/Tagged')) response.headers.set('x-island-tag', 'tagged');
	return response;
};
