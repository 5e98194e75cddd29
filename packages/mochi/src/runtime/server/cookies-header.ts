// The two halves of the cookie wire format: reading a `Cookie` request header (tolerant, because it
// comes from browsers and bots) and writing a `Set-Cookie` header (strict, because a mistake there
// comes from the app and would otherwise be dropped silently by the browser).

/** The options of the `cookie` package, which users already know. */
export interface CookieOptions {
	path?: string;
	domain?: string;
	maxAge?: number;
	expires?: Date;
	httpOnly?: boolean;
	secure?: boolean;
	sameSite?: 'lax' | 'strict' | 'none' | boolean;
	partitioned?: boolean;
	priority?: 'low' | 'medium' | 'high';
}

/**
 * Skips pairs without `=` or with an empty name, keeps the first occurrence of a name (the browser
 * sends the most specific path first), strips one pair of double quotes, and decodes %XX escapes,
 * keeping the raw value when they are malformed. Never throws.
 */
export function parseCookieHeader(header: string | null): Map<string, string> {
	const cookies = new Map<string, string>();
	if (typeof header !== 'string') return cookies;
	for (const pair of header.split(';')) {
		const eq = pair.indexOf('=');
		if (eq === -1) continue;
		const name = pair.slice(0, eq).trim();
		if (name === '' || cookies.has(name)) continue;
		let value = pair.slice(eq + 1).trim();
		if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
		cookies.set(name, decode(value));
	}
	return cookies;
}

function decode(value: string): string {
	if (!value.includes('%')) return value;
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

// RFC 6265 §4.1.1: a cookie name is an RFC 7230 token.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Dot-separated DNS labels, optionally with a leading dot (which browsers ignore).
const DOMAIN = /^\.?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
// Printable ASCII except `;`, which would end the attribute.
const PATH = /^[\x20-\x3a\x3c-\x7e]*$/;
const SAME_SITE = { lax: 'Lax', strict: 'Strict', none: 'None' } as const;
const PRIORITY = { low: 'Low', medium: 'Medium', high: 'High' } as const;

/**
 * The value is encoded with `encodeURIComponent`, so any string is safe (and `parseCookieHeader`
 * decodes it back). Throws a TypeError for options a browser would reject or misread.
 */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
	if (typeof name !== 'string' || !TOKEN.test(name)) {
		throw new TypeError(
			`Invalid cookie name ${JSON.stringify(name)}: use letters, digits and !#$%&'*+-.^_\`|~ only (no spaces, =, ; or quotes)`
		);
	}
	let header = `${name}=${encodeValue(name, value)}`;

	if (options.maxAge !== undefined) {
		if (typeof options.maxAge !== 'number' || !Number.isFinite(options.maxAge)) {
			throw new TypeError(
				`Invalid maxAge for cookie "${name}": expected a finite number of seconds, got ${String(options.maxAge)}`
			);
		}
		header += `; Max-Age=${Math.floor(options.maxAge)}`;
	}
	if (options.domain !== undefined) {
		if (!DOMAIN.test(options.domain)) throw invalidOption(name, 'domain', options.domain);
		header += `; Domain=${options.domain}`;
	}
	if (options.path !== undefined) {
		if (!PATH.test(options.path)) throw invalidOption(name, 'path', options.path);
		header += `; Path=${options.path}`;
	}
	if (options.expires !== undefined) {
		if (!(options.expires instanceof Date) || Number.isNaN(options.expires.getTime())) {
			throw new TypeError(`Invalid expires for cookie "${name}": expected a valid Date`);
		}
		header += `; Expires=${options.expires.toUTCString()}`;
	}
	if (options.httpOnly) header += '; HttpOnly';
	if (options.secure) header += '; Secure';
	if (options.partitioned) header += '; Partitioned';
	if (options.priority !== undefined) {
		header += `; Priority=${pick(PRIORITY, options.priority, name, 'priority')}`;
	}
	if (options.sameSite !== undefined && options.sameSite !== false) {
		const sameSite = options.sameSite === true ? 'strict' : options.sameSite;
		header += `; SameSite=${pick(SAME_SITE, sameSite, name, 'sameSite')}`;
	}
	return header;
}

function encodeValue(name: string, value: string): string {
	try {
		return encodeURIComponent(value);
	} catch {
		// Only a lone surrogate makes encodeURIComponent throw (a URIError that names nothing).
		throw new TypeError(`Invalid value for cookie "${name}": it contains a lone UTF-16 surrogate`);
	}
}

function pick<T extends Record<string, string>>(table: T, value: unknown, name: string, option: string): T[keyof T] {
	const key = typeof value === 'string' ? value.toLowerCase() : '';
	if (Object.hasOwn(table, key)) return table[key as keyof T];
	throw invalidOption(name, option, value, `expected ${Object.keys(table).join(', ')}`);
}

function invalidOption(name: string, option: string, value: unknown, hint?: string): TypeError {
	const suffix = hint ? ` (${hint})` : '';
	return new TypeError(`Invalid ${option} for cookie "${name}": ${JSON.stringify(value)}${suffix}`);
}
