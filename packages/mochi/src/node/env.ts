// Production settings read from the environment (and `mochi start` flags). Each is checked once, at start-up,
// by the process that would otherwise fork workers into a crash loop over a typo.
import type { ServerConfig } from '../runtime/server/app-types.js';
import { DEFAULT_RENDER_TIMEOUT_MS } from '../runtime/server/render-timeout.js';
import { DEFAULT_BODY_LIMIT } from '../runtime/shared/constants.js';

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

/** Node's timers hold 32-bit signed ms; a longer one fires at once, so it is no setting at all. */
const MAX_SETTING = 2 ** 31 - 1;

interface Setting {
	/** The environment variable that wins over `mochi({ server })`. */
	env: string;
	fallback: number;
	/** How the unit reads in an error message. */
	unit: string;
}

/** Every timeout and limit of the Node server, with the variable that sets it and its default. */
export const SERVER_SETTINGS: Record<keyof ServerSettings, Setting> = {
	renderTimeout: { env: 'MOCHI_RENDER_TIMEOUT', fallback: DEFAULT_RENDER_TIMEOUT_MS, unit: 'milliseconds' },
	headersTimeout: { env: 'MOCHI_HEADERS_TIMEOUT', fallback: 20_000, unit: 'milliseconds' },
	bodyTimeout: { env: 'MOCHI_BODY_TIMEOUT', fallback: 60_000, unit: 'milliseconds' },
	keepAliveTimeout: { env: 'MOCHI_KEEP_ALIVE_TIMEOUT', fallback: 5_000, unit: 'milliseconds' },
	sendTimeout: { env: 'MOCHI_SEND_TIMEOUT', fallback: 30_000, unit: 'milliseconds' },
	minSendRate: { env: 'MOCHI_MIN_SEND_RATE', fallback: 1024, unit: 'bytes per second' },
	maxConnections: { env: 'MOCHI_MAX_CONNECTIONS', fallback: 0, unit: 'connections' },
	bodyLimit: { env: 'MOCHI_BODY_LIMIT', fallback: DEFAULT_BODY_LIMIT, unit: 'bytes' }
};

/** Every field of `mochi({ server })` resolved: 0 turns a timeout off (and means no cap for maxConnections). */
export type ServerSettings = { [K in keyof ServerConfig]-?: number };

/** Throws a ConfigError naming `label` unless `value` is a whole number in range; `text` is what the user wrote. */
export function checkSetting(key: keyof ServerSettings, value: unknown, label: string, text?: string): number {
	// `bodyLimit: false` reads better in a config than 0; both mean no limit.
	if (key === 'bodyLimit' && value === false) return 0;
	if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_SETTING) return value;
	const shown =
		text !== undefined ? `"${text}"` : typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
	throw new ConfigError(`${label} must be a whole number of ${SERVER_SETTINGS[key].unit} from 0 (off) to ${MAX_SETTING}, got ${shown}`);
}

/**
 * The server's timeouts and limits: each `MOCHI_*` variable that is set wins over `mochi({ server })` in
 * vite.config.ts (baked into the build), which wins over the default. Checked here, once, at start-up.
 */
export function serverSettings(env: NodeJS.ProcessEnv, config: ServerConfig = {}): ServerSettings {
	const settings = {} as ServerSettings;
	const source = {} as Record<keyof ServerSettings, string>;
	for (const key of Object.keys(SERVER_SETTINGS) as Array<keyof ServerSettings>) {
		const { env: name, fallback } = SERVER_SETTINGS[key];
		const text = env[name]?.trim();
		if (text) {
			// Number('1e3') or Number('0x10') would pass as numbers: only plain digits are a setting.
			settings[key] = checkSetting(key, /^\d+$/.test(text) ? Number(text) : NaN, name, env[name]);
			source[key] = name;
		} else if (config[key] !== undefined) {
			settings[key] = checkSetting(key, config[key], `mochi({ server: { ${key} } })`);
			source[key] = `mochi({ server: { ${key} } })`;
		} else {
			settings[key] = fallback;
			source[key] = `the default ${key}`;
		}
	}
	// Node counts the request timeout from the first byte of the request, headers included.
	const { headersTimeout, bodyTimeout } = settings;
	if (headersTimeout > 0 && bodyTimeout > 0 && headersTimeout > bodyTimeout) {
		throw new ConfigError(
			`${source.headersTimeout} (${headersTimeout} ms) must not exceed ${source.bodyTimeout} (${bodyTimeout} ms): ` +
				'the body timeout counts from the start of the request, headers included'
		);
	}
	return settings;
}
