import type { RequestContext } from 'mochi-framework';
import { CART_COOKIE } from '$lib/visitor.js';
import { findProduct } from '$lib/catalog.js';
import { back } from './sign-in.js';

/** Add a product to the cart cookie (or empty it with ?clear). */
export async function POST({ request, cookies, url }: RequestContext): Promise<Response> {
	if (url.searchParams.has('clear')) {
		cookies.delete(CART_COOKIE);
		return back(request);
	}
	const sku = String((await request.formData()).get('sku') ?? '');
	if (!findProduct(sku)) return new Response('Unknown product.', { status: 400 });
	const items = (cookies.get(CART_COOKIE) ?? '').split(',').filter(Boolean);
	cookies.set(CART_COOKIE, [...items, sku].slice(-50).join(','), { maxAge: 60 * 60 * 24 * 7 });
	return back(request);
}

/** The cart as JSON, for scripts. */
export function GET({ cookies }: RequestContext): Response {
	const items = (cookies.get(CART_COOKIE) ?? '').split(',').filter(Boolean);
	return Response.json({ items });
}
