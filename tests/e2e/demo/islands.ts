// What the demo's islands look like: fallback text in the shell, and a test id once swapped in.

export const HEADER_ISLANDS = ['Avatar', 'CartCount'];
/** Sorted by name. The mini cart is a server island on / (hydrated on the on-demand product pages). */
export const HOME_ISLANDS = [...HEADER_ISLANDS, 'MiniCart', 'Recommended'];

export const FALLBACK_TEXT: Record<string, string> = {
	Avatar: 'Loading your account…',
	CartCount: '🛒 …',
	MiniCart: 'Loading your cart…',
	Recommended: 'Finding things you might like…',
	StockLevel: 'Stock level unavailable right now.'
};

/** A selector for the rendered island (never present in the shell). */
export const CONTENT: Record<string, string> = {
	Avatar: '[data-testid=avatar]',
	CartCount: '[data-testid=cart-count]',
	MiniCart: '[data-testid=mini-cart]',
	Recommended: '[data-testid=recommended]'
};

/** The inner HTML of `<mochi-island name=…>` in a page's HTML. */
export function islandInner(html: string, name: string): string {
	const match = new RegExp(`<mochi-island[^>]*\\bname="${name}"[^>]*>([\\s\\S]*?)</mochi-island>`).exec(html);
	if (!match) throw new Error(`no <mochi-island name="${name}"> in:\n${html}`);
	return match[1];
}
