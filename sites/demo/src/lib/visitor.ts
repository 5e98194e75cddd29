import { getRequestContext, type Cookies } from 'mochi-framework';

export const USER_COOKIE = 'demo_user';
export const CART_COOKIE = 'demo_cart';
/** More would make the cookie too long; the oldest items go first. */
export const MAX_ITEMS = 50;

/** Who is asking: their name (null when signed out) and the skus in their cart, in the order added. */
export interface Visitor {
	name: string | null;
	cart: string[];
}

/** The visitor, from their cookies. src/hooks.server.ts calls it once per request and keeps it in `ctx.locals`. */
export function readVisitor(cookies: Cookies): Visitor {
	const name = cookies.get(USER_COOKIE)?.slice(0, 40) || null;
	const cart = (cookies.get(CART_COOKIE) ?? '').split(',').filter(Boolean);
	return { name, cart };
}

/**
 * This request's visitor (page, layout, action, endpoint or island), as the hook loaded it into `ctx.locals`.
 * Where no hook ran (a component rendered alone in a test, say), it is read from the cookies here, once.
 */
export function visitor(): Visitor {
	const { locals, cookies } = getRequestContext();
	return (locals.visitor ??= readVisitor(cookies)) as Visitor;
}

export const currentUser = (): string | null => visitor().name;
export const cartItems = (): string[] => visitor().cart;

export function signIn(cookies: Cookies, name: string): void {
	cookies.set(USER_COOKIE, name, { maxAge: 60 * 60 * 24 * 30 });
}

export function signOut(cookies: Cookies): void {
	cookies.delete(USER_COOKIE);
}

export function saveCart(cookies: Cookies, items: string[]): void {
	const kept = items.slice(-MAX_ITEMS);
	if (kept.length) cookies.set(CART_COOKIE, kept.join(','), { maxAge: 60 * 60 * 24 * 7 });
	else cookies.delete(CART_COOKIE);
}
