// `mochi-framework/vite`: the Vite plugin for vite.config.ts.
export { mochi } from '../core/vite-plugin.js';
export type { MochiOptions } from '../core/options.js';
