// `ctx.cookies`: the cookies of one request, plus the ones the app sets while answering it.
import { parseCookieHeader, serializeCookie, type CookieOptions } from './cookies-header.js';

export { parseCookieHeader, serializeCookie, type CookieOptions };

export interface Cookies {
	get(name: string): string | undefined;
	getAll(): Array<{ name: string; value: string }>;
	set(name: string, value: string, options?: CookieOptions): void;
	delete(name: string, options?: CookieOptions): void;
}

type Pending = { name: string; value: string; options: CookieOptions; header: string };

/**
 * `cookieHeader` is called at most once, when the app first reads a cookie. `secure` is the app's default
 * for the Secure attribute, decided once at start (DESIGN.md §7), never from this request's URL: its host
 * and scheme come from a Host header the client wrote, and behind a TLS proxy the scheme is http anyway.
 */
export function createCookies(
	cookieHeader: () => string | null,
	url: URL,
	secure = true
): { cookies: Cookies; setCookieHeaders(): string[] } {
	// Safer than the `cookie` package, as in SvelteKit: a cookie is HttpOnly, SameSite=Lax, Secure and
	// site-wide unless the app says otherwise.
	const defaults: CookieOptions = { path: '/', httpOnly: true, sameSite: 'lax', secure };
	let incoming: Map<string, string> | undefined;
	const received = () => (incoming ??= parseCookieHeader(cookieHeader()));
	// Keyed by name, path and domain, as the browser stores them; most recently set last.
	const pending = new Map<string, Pending>();

	/** The cookie the browser would send back to this URL after this response, if the app set one. */
	function latest(name: string): Pending | undefined {
		let found: Pending | undefined;
		for (const cookie of pending.values()) {
			if (cookie.name === name && appliesTo(cookie.options, url)) found = cookie;
		}
		return found;
	}

	const cookies: Cookies = {
		get(name) {
			const cookie = latest(name);
			if (cookie) return isExpired(cookie.options) ? undefined : cookie.value;
			return received().get(name);
		},
		getAll() {
			const all = new Map(received());
			for (const cookie of pending.values()) {
				if (!appliesTo(cookie.options, url)) continue;
				if (isExpired(cookie.options)) all.delete(cookie.name);
				else all.set(cookie.name, cookie.value);
			}
			return [...all].map(([name, value]) => ({ name, value }));
		},
		set(name, value, options = {}) {
			const resolved = { ...defaults, ...defined(options) };
			// Serialized now, so a bad name or option throws where the app called `set`.
			const header = serializeCookie(name, value, resolved);
			const id = `${name}\0${resolved.path}\0${normalizeDomain(resolved.domain) ?? ''}`;
			pending.delete(id); // re-inserted last, so it counts as the most recent
			pending.set(id, { name, value: String(value), options: resolved, header });
		},
		delete(name, options = {}) {
			cookies.set(name, '', { ...options, maxAge: 0 });
		}
	};

	return { cookies, setCookieHeaders: () => [...pending.values()].map((cookie) => cookie.header) };
}

/** `{ path: undefined }` means "the default", not "no path". */
function defined(options: CookieOptions): CookieOptions {
	return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

// Max-Age wins over Expires, as in browsers (RFC 6265 §5.3).
function isExpired(options: CookieOptions): boolean {
	if (options.maxAge !== undefined) return options.maxAge <= 0;
	return options.expires !== undefined && options.expires.getTime() <= Date.now();
}

function normalizeDomain(domain: string | undefined): string | undefined {
	return domain?.replace(/^\./, '').toLowerCase();
}

// RFC 6265 §5.1.3 (domain match) and §5.1.4 (path match).
function appliesTo(options: CookieOptions, url: URL): boolean {
	const domain = normalizeDomain(options.domain);
	const host = url.hostname.toLowerCase();
	if (domain && host !== domain && !host.endsWith('.' + domain)) return false;
	const path = options.path ?? '/';
	const requested = url.pathname;
	if (requested === path) return true;
	return requested.startsWith(path) && (path.endsWith('/') || requested[path.length] === '/');
}
