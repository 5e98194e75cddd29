import { DEFAULT_ASSET_PREFIX } from '../runtime/shared/constants.js';

/** Options of `mochi()` in vite.config.ts. */
export interface MochiOptions {
	/** Where island requests and built assets live. Must start with `/` and not end with one. Default `/_mochi`. */
	assetPrefix?: string;
}

export interface ResolvedOptions {
	assetPrefix: string;
	routesDir: string;
}

export function resolveOptions(options: MochiOptions = {}): ResolvedOptions {
	const assetPrefix = options.assetPrefix ?? DEFAULT_ASSET_PREFIX;
	if (!/^\/[A-Za-z0-9._~\-/]*[A-Za-z0-9._~-]$/.test(assetPrefix) || assetPrefix.includes('//')) {
		throw new Error(
			`mochi({ assetPrefix }): ${JSON.stringify(assetPrefix)} is not valid. It must start with "/", not end with "/", ` +
				'and use only letters, digits and . _ ~ - / (for example "/_mochi" or "/static/_m").'
		);
	}
	return { assetPrefix, routesDir: 'src/routes' };
}
