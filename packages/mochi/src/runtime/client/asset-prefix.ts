import { DEFAULT_ASSET_PREFIX } from '../shared/constants.js';

// Replaced by Vite's `define` when an app is built; left undefined when this file runs as plain tsc output.
declare const __MOCHI_ASSET_PREFIX__: string;

/** Where the island endpoint lives: `{assetPrefix}/island/{Name}`. */
export const assetPrefix: string =
	typeof __MOCHI_ASSET_PREFIX__ === 'undefined' ? DEFAULT_ASSET_PREFIX : __MOCHI_ASSET_PREFIX__;
