import { json } from 'mochi-framework';
import { cartItems } from '$lib/visitor.js';

// The cart changes through the /cart page's form actions (?/add, ?/remove, ?/clear), which work without
// JavaScript. This endpoint stays for scripts that want the cart as data.

/** GET /api/cart: `{ "items": ["matcha", …] }`, this visitor's only. */
export function GET(): Response {
	return json({ items: cartItems() }, { headers: { 'cache-control': 'private, no-store' } });
}
