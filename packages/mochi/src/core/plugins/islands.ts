import path from 'node:path';
import type { Plugin } from 'vite';
import { preprocessIslands } from '../../preprocess/index.js';
import { directiveError } from '../diagnostics/directive-error.js';
import { isInside, type PluginContext } from './context.js';
import type { Rewrites } from './svelte-positions.js';

/**
 * mochi:islands — rewrites `<X mochi:defer>` in the app's .svelte files before Svelte compiles them,
 * and notes each rewrite so Svelte's diagnostics can be moved back to the user's lines (svelte-positions).
 */
export function islandsPlugin(context: PluginContext, rewrites: Rewrites): Plugin {
	return {
		name: 'mochi:islands',
		enforce: 'pre',
		transform: {
			filter: { id: /\.svelte$/ },
			handler(code, id) {
				rewrites.delete(id);
				if (!code.includes('mochi:') || !isInside(path.join(context.root, 'src'), id)) return;
				const result = preprocessIslands(code, { filename: id, root: context.root });
				if (result.errors.length) {
					const { message, loc, frame } = directiveError(result.errors, code);
					this.error({ message, id, loc, frame });
				}
				if (result.map) rewrites.set(id, { original: code, generated: result.code, mappings: result.map.mappings });
				return { code: result.code, map: result.map };
			}
		}
	};
}
