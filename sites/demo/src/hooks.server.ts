// Runs around every request the server answers at request time: pages, form actions, endpoints and islands.
import { redirect, type Handle } from 'mochi-framework';
import { readVisitor } from '$lib/visitor.js';
import { isGuarded } from '$lib/navigation.js';

export const handle: Handle = async (ctx, resolve) => {
	// Read once here: the page, its layout, an action and each island see the same visitor (`visitor()`).
	const visitor = readVisitor(ctx.cookies);
	ctx.locals.visitor = visitor;
	if (isGuarded(ctx.url.pathname) && !visitor.name) {
		redirect(303, `/sign-in?next=${encodeURIComponent(ctx.url.pathname)}`);
	}
	return resolve();
};
