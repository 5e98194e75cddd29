// `mochi({ csrf })`, checked once when vite.config.ts loads; runtime/server/checks/csrf.ts applies it.
import type { CsrfSettings } from '../runtime/server/checks/csrf.js';

export interface CsrfOptions {
	/**
	 * Other sites allowed to post forms here, as bare origins (`https://pay.example`): a payment provider
	 * that posts back, say. The app's own origin is always allowed.
	 */
	trustedOrigins?: string[];
}

const NAME = 'mochi({ csrf: { trustedOrigins } })';

/** `false` turns the check off; unset or an object keeps it on. Throws, naming the option, on anything else. */
export function resolveCsrf(value: CsrfOptions | false | undefined): CsrfSettings {
	if (value === false) return false;
	if (value === undefined) return { trustedOrigins: [] };
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new Error(`mochi({ csrf }): expected false or { trustedOrigins: [...] }, got ${JSON.stringify(value)}.`);
	}
	const unknown = Object.keys(value).filter((key) => key !== 'trustedOrigins');
	if (unknown.length) throw new Error(`mochi({ csrf }): unknown option ${JSON.stringify(unknown[0])}; the only one is trustedOrigins.`);
	const list = value.trustedOrigins ?? [];
	if (!Array.isArray(list)) throw new Error(`${NAME}: expected an array of origins, got ${JSON.stringify(list)}.`);
	return { trustedOrigins: [...new Set(list.map(bareOrigin))] };
}

/** `https://pay.example` (any case, a trailing slash allowed) → as browsers send it in Origin. */
function bareOrigin(entry: unknown): string {
	let url: URL | undefined;
	try {
		url = typeof entry === 'string' ? new URL(entry) : undefined;
	} catch {
		// reported below
	}
	// A path or a wildcard would be dropped or never match: either way not what was meant, so it stops here.
	// (WHATWG URLs take `https://*.pay.example` as a host named `*.pay.example`, which no browser sends.)
	const bare = url && (url.protocol === 'http:' || url.protocol === 'https:') && url.href === `${url.origin}/` && !url.hostname.includes('*');
	if (!url || !bare) {
		throw new Error(
			`${NAME}: ${JSON.stringify(entry)} is not a bare origin. Write each as scheme://host[:port], such as ` +
				'"https://pay.example", with no path, query or wildcard (csrf: false turns the check off).'
		);
	}
	return url.origin;
}
