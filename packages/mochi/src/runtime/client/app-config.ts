import { DEFAULT_ASSET_PREFIX, ISLAND_TIMEOUT_MS } from '../shared/constants.js';

// Replaced with the app's settings when Vite builds or serves the runtime (core/plugins/config.ts);
// left undefined when this file runs as plain tsc output, which then uses the defaults.
declare const __MOCHI_ASSET_PREFIX__: string;
declare const __MOCHI_ISLAND_TIMEOUT__: number;
declare const __MOCHI_ISLAND_CODE_PREFIX__: string;
declare const __MOCHI_CLIENT_ISLAND__: string;

/** Where the island endpoint lives: `{assetPrefix}/island/{Name}`. */
export const assetPrefix: string =
	typeof __MOCHI_ASSET_PREFIX__ === 'undefined' ? DEFAULT_ASSET_PREFIX : __MOCHI_ASSET_PREFIX__;

/** How long the browser waits for one island (`mochi({ islands: { timeout } })`). */
export const islandTimeout: number =
	typeof __MOCHI_ISLAND_TIMEOUT__ === 'undefined' ? ISLAND_TIMEOUT_MS : __MOCHI_ISLAND_TIMEOUT__;

/** The only path client-island code is imported from: the build's hashed assets (in dev, Vite's island modules). */
export const islandCodePrefix: string =
	typeof __MOCHI_ISLAND_CODE_PREFIX__ === 'undefined' ? `${assetPrefix}/assets/` : __MOCHI_ISLAND_CODE_PREFIX__;

/**
 * Where client-island.ts is served: the build's hashed chunk, or its file in dev. A variable, not an
 * `import('./client-island.js')`, for which Vite would add its preload helper (about 700 B) to the runtime.
 * Unset (plain tsc output, the runtime's own tests): next to this module.
 */
export const clientIslandUrl: string =
	typeof __MOCHI_CLIENT_ISLAND__ === 'undefined' ? './client-island.js' : __MOCHI_CLIENT_ISLAND__;
