import type { CookieOptions } from '../runtime/server/cookies.js';

export interface SetCookie {
	name: string;
	value: string;
	options: CookieOptions;
}

/**
 * A `Set-Cookie` header as the runtime wrote it (runtime/server/cookies-header.ts), back into the
 * name, value and options the app passed, so a test asserts on what the browser will receive.
 */
export function parseSetCookie(header: string): SetCookie {
	const [pair, ...attributes] = header.split(/;\s*/);
	const eq = pair.indexOf('=');
	const options: CookieOptions = {};
	for (const attribute of attributes) {
		const [key, ...rest] = attribute.split('=');
		const value = rest.join('=');
		switch (key.toLowerCase()) {
			case 'max-age': options.maxAge = Number(value); break;
			case 'domain': options.domain = value; break;
			case 'path': options.path = value; break;
			case 'expires': options.expires = new Date(value); break;
			case 'httponly': options.httpOnly = true; break;
			case 'secure': options.secure = true; break;
			case 'partitioned': options.partitioned = true; break;
			case 'priority': options.priority = value.toLowerCase() as CookieOptions['priority']; break;
			case 'samesite': options.sameSite = value.toLowerCase() as CookieOptions['sameSite']; break;
		}
	}
	return { name: pair.slice(0, eq), value: decodeURIComponent(pair.slice(eq + 1)), options };
}
