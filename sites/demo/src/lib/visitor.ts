import { getRequestContext } from 'mochi-framework';

export const USER_COOKIE = 'demo_user';
export const CART_COOKIE = 'demo_cart';

/** The signed-in visitor's name, from a cookie set by /api/sign-in. */
export function currentUser(): string | null {
	const name = getRequestContext().cookies.get(USER_COOKIE);
	return name ? name.slice(0, 40) : null;
}

export function cartItems(): string[] {
	const raw = getRequestContext().cookies.get(CART_COOKIE) ?? '';
	return raw.split(',').filter(Boolean);
}
