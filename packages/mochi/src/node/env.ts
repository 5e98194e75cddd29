// Production settings read from the environment (and `mochi start` flags). Each is checked once, at start-up,
// by the process that would otherwise fork workers into a crash loop over a typo.

/** A setting the operator must fix: printed without a stack, exit 1. */
export class ConfigError extends Error {
	override name = 'ConfigError';
}

/** A typo such as MOCHI_WORKERS=4000 must not fork-bomb the machine. */
export const MAX_WORKERS = 256;

/** Worker processes: unset or empty → 1 (no cluster). */
export function parseWorkers(value: string | undefined, source = 'MOCHI_WORKERS'): number {
	if (value === undefined || value.trim() === '') return 1;
	const text = value.trim();
	const workers = Number(text);
	if (!/^\d+$/.test(text) || workers < 1 || workers > MAX_WORKERS) {
		throw new ConfigError(`${source} must be a whole number from 1 to ${MAX_WORKERS}, got "${value}"`);
	}
	return workers;
}

export interface ProxySettings {
	/** Trust `x-forwarded-proto` / `x-forwarded-host` (their right-most values) and `x-forwarded-for`. */
	trustProxy: boolean;
	/** Fixed public origin; wins over every header. */
	origin?: string;
	/** Proxies in front that append to `x-forwarded-for`: `ctx.clientAddress` is that many entries from the right. */
	xffDepth: number;
}

/** More proxies than this in one chain is a typo, not a deployment. */
export const MAX_XFF_DEPTH = 32;

/**
 * `MOCHI_TRUST_PROXY=1` trusts the forwarded headers; `ORIGIN=https://shop.example` pins the origin instead.
 * Off by default: without a proxy that overwrites them, any client could claim to be another host.
 */
export function proxyFromEnv(env: NodeJS.ProcessEnv): ProxySettings {
	return {
		trustProxy: parseFlag(env.MOCHI_TRUST_PROXY, 'MOCHI_TRUST_PROXY'),
		origin: parseOrigin(env.ORIGIN),
		xffDepth: parseXffDepth(env.MOCHI_XFF_DEPTH)
	};
}

/** Unset or empty → 1 (one proxy, such as nginx, in front). */
function parseXffDepth(value: string | undefined): number {
	if (value === undefined || value.trim() === '') return 1;
	const depth = Number(value.trim());
	if (!/^\d+$/.test(value.trim()) || depth < 1 || depth > MAX_XFF_DEPTH) {
		throw new ConfigError(
			`MOCHI_XFF_DEPTH must be a whole number from 1 to ${MAX_XFF_DEPTH} (the proxies in front of the server that ` +
				`append to X-Forwarded-For), got "${value}"`
		);
	}
	return depth;
}

function parseFlag(value: string | undefined, name: string): boolean {
	const text = value?.trim().toLowerCase() ?? '';
	if (text === '' || text === '0' || text === 'false') return false;
	if (text === '1' || text === 'true') return true;
	throw new ConfigError(`${name} must be 1 or 0 (true or false), got "${value}"`);
}

function parseOrigin(value: string | undefined): string | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	let url: URL | undefined;
	try {
		url = new URL(value.trim());
	} catch {
		// reported below
	}
	// A path would be silently dropped (only the origin is used), so it is a mistake worth stopping for.
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.href !== `${url.origin}/`) {
		throw new ConfigError(`ORIGIN must be a bare http(s) origin such as https://shop.example, got "${value}"`);
	}
	return url.origin;
}
