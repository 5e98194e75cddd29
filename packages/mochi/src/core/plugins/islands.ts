import path from 'node:path';
import type { Plugin } from 'vite';
import { preprocessIslands, formatErrors } from '../../preprocess/index.js';
import { isInside, type PluginContext } from './context.js';

/** mochi:islands — rewrites `<X mochi:defer>` in the app's .svelte files before Svelte compiles them. */
export function islandsPlugin(context: PluginContext): Plugin {
	return {
		name: 'mochi:islands',
		enforce: 'pre',
		transform: {
			filter: { id: /\.svelte$/ },
			handler(code, id) {
				if (!code.includes('mochi:') || !isInside(path.join(context.root, 'src'), id)) return;
				const result = preprocessIslands(code, { filename: id, root: context.root });
				if (result.errors.length) {
					const first = result.errors[0];
					this.error({ message: formatErrors(result.errors), id, loc: { file: id, line: first.line, column: first.column } });
				}
				return { code: result.code, map: result.map };
			}
		}
	};
}
