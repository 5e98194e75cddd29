import { DEFAULT_ASSET_PREFIX, ISLAND_TIMEOUT_MS } from '../runtime/shared/constants.js';
import { resolveCsrf, type CsrfOptions } from './csrf-option.js';
import type { CsrfSettings } from '../runtime/server/checks/csrf.js';
import type { ServerConfig } from '../runtime/server/app-types.js';
import { SERVER_SETTINGS, checkSetting } from '../node/env.js';
import { resolveCspOptions, type CspConfig, type CspOptions } from '../runtime/server/csp-options.js';

/** Options of `mochi()` in vite.config.ts. */
export interface MochiOptions {
	/** Where island requests and built assets live. Must start with `/` and not end with one. Default `/_mochi`. */
	assetPrefix?: string;
	islands?: {
		/** How long the browser waits for one server island before keeping its fallback, in ms. Default 10000. */
		timeout?: number;
		/**
		 * Seconds an island token signed while serving a request stays valid; older ones are refused
		 * with 410. Off by default. Prerendered pages' islands never expire.
		 */
		/**
		 * Put a `<link rel="preload" as="fetch">` per eager island in the page head, so island requests start
		 * while the HTML is still parsing. On by default; Safari fetches preloaded `fetch` twice.
		 */
		preload?: boolean;
		maxAge?: number | null;
		/**
		 * An on-demand page that no shared cache may store (its cache-control has neither `public` nor
		 * `s-maxage`) sends its eager deferred islands in its own response, as each finishes (DESIGN.md §8).
		 * On by default; `false` makes every page fetch its islands.
		 */
		stream?: boolean;
	};
	/**
	 * Cross-site form posts (POST, PUT, PATCH, DELETE with a form content type) are refused with 403 before
	 * any app code runs. `{ trustedOrigins: ['https://pay.example'] }` accepts those sites too; `false` turns it off.
	 */
	csrf?: CsrfOptions | false;
	/**
	 * Timeouts and limits of the production server (`renderTimeout` also applies in `mochi dev`). Each
	 * `MOCHI_*` variable wins over its field at start-up; see the README's "Timeouts and limits".
	 */
	server?: ServerConfig;
	/**
	 * Send a Content-Security-Policy on every page, with what Mochi's own markup needs added (a nonce per
	 * on-demand page, hashes on prerendered ones). Off by default. See README, "Content-Security-Policy".
	 */
	csp?: CspOptions | false;
}

export interface ResolvedOptions {
	assetPrefix: string;
	routesDir: string;
	islands: { timeout: number; maxAge: number | null; preload: boolean; stream: boolean };
	csrf: CsrfSettings;
	/** Only the fields the app set: defaults and variables are applied where the server starts. */
	server: ServerConfig;
	csp: CspConfig | null;
}

/** Tokens carry the issue time as u32 seconds: a maxAge past this could never be reached anyway. */
const MAX_AGE_LIMIT = 0xffffffff;

export function resolveOptions(options: MochiOptions = {}): ResolvedOptions {
	const assetPrefix = options.assetPrefix ?? DEFAULT_ASSET_PREFIX;
	if (!/^\/[A-Za-z0-9._~\-/]*[A-Za-z0-9._~-]$/.test(assetPrefix) || assetPrefix.includes('//')) {
		throw new Error(
			`mochi({ assetPrefix }): ${JSON.stringify(assetPrefix)} is not valid. It must start with "/", not end with "/", ` +
				'and use only letters, digits and . _ ~ - / (for example "/_mochi" or "/static/_m").'
		);
	}
	const timeout = options.islands?.timeout ?? ISLAND_TIMEOUT_MS;
	if (!Number.isInteger(timeout) || timeout < 1) {
		throw new Error(`mochi({ islands: { timeout } }): expected a whole number of milliseconds above 0, got ${JSON.stringify(timeout)}.`);
	}
	const maxAge = options.islands?.maxAge ?? null;
	if (maxAge !== null && (!Number.isInteger(maxAge) || maxAge < 1 || maxAge > MAX_AGE_LIMIT)) {
		throw new Error(
			`mochi({ islands: { maxAge } }): expected a whole number of seconds above 0 (or null for no expiry), got ${JSON.stringify(maxAge)}.`
		);
	}
	const preload = options.islands?.preload ?? true;
	if (typeof preload !== 'boolean') throw new Error(`mochi({ islands: { preload } }): expected true or false, got ${JSON.stringify(preload)}.`);
	const stream = options.islands?.stream ?? true;
	if (typeof stream !== 'boolean') throw new Error(`mochi({ islands: { stream } }): expected true or false, got ${JSON.stringify(stream)}.`);
	return { assetPrefix, routesDir: 'src/routes', islands: { timeout, maxAge, preload, stream }, server: resolveServer(options.server), csrf: resolveCsrf(options.csrf), csp: resolveCspOptions(options.csp) };
}

/** A typo'd name would silently leave a safety limit at its default, so unknown fields are refused too. */
function resolveServer(server: ServerConfig | undefined): ServerConfig {
	if (server === undefined) return {};
	if (typeof server !== 'object' || server === null || Array.isArray(server)) {
		throw new Error(`mochi({ server }): expected an object such as { renderTimeout: 10000 }, got ${JSON.stringify(server)}.`);
	}
	const resolved: ServerConfig = {};
	for (const [key, value] of Object.entries(server)) {
		if (!Object.hasOwn(SERVER_SETTINGS, key)) {
			throw new Error(`mochi({ server: { ${key} } }): unknown option. Known: ${Object.keys(SERVER_SETTINGS).join(', ')}.`);
		}
		if (value === undefined) continue;
		resolved[key as keyof ServerConfig] = checkSetting(key as keyof ServerConfig, value, `mochi({ server: { ${key} } })`);
	}
	return resolved;
}
