import type { RequestContext } from 'mochi-framework';
import { CART_COOKIE, cartItems } from '$lib/visitor.js';
import { findProduct } from '$lib/catalog.js';
import { back } from './sign-in.js';

const MAX_ITEMS = 50;

/**
 * Change the cart cookie: add `quantity` × `sku` (a form), remove the item at `?remove=<index>`, or
 * empty it with `?clear`. Scripts that ask for JSON get the new cart; forms go back where they were.
 */
export async function POST({ request, cookies, url }: RequestContext): Promise<Response> {
	let items = cartItems();
	if (url.searchParams.has('clear')) {
		items = [];
	} else if (url.searchParams.has('remove')) {
		const index = Number(url.searchParams.get('remove'));
		if (!Number.isInteger(index) || index < 0 || index >= items.length) return new Response('No such item.', { status: 400 });
		items.splice(index, 1);
	} else {
		const form = await request.formData();
		const sku = String(form.get('sku') ?? '');
		const quantity = Math.min(10, Math.max(1, Number(form.get('quantity') ?? 1) || 1));
		if (!findProduct(sku)) return new Response('Unknown product.', { status: 400 });
		items.push(...Array.from({ length: quantity }, () => sku));
	}
	items = items.slice(-MAX_ITEMS);
	if (items.length) cookies.set(CART_COOKIE, items.join(','), { maxAge: 60 * 60 * 24 * 7 });
	else cookies.delete(CART_COOKIE);
	return request.headers.get('accept')?.includes('application/json') ? Response.json({ items }) : back(request);
}

/** The cart as JSON, for scripts. */
export function GET(): Response {
	return Response.json({ items: cartItems() });
}
