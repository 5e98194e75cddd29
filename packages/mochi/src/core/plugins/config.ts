import path from 'node:path';
import type { BuildEnvironmentOptions, Plugin } from 'vite';
import { SERVER_ENTRY_ID, type PluginContext } from './context.js';
import { CLIENT_RUNTIME } from '../client-runtime.js';

/** mochi:config — the Vite settings every Mochi app shares, for dev, both builds and vitest. */
export function configPlugin(context: PluginContext): Plugin {
	return {
		name: 'mochi:config',
		config(config, env) {
			const root = path.resolve(config.root ?? process.cwd());
			context.root = root;
			const assetsDir = `${context.options.assetPrefix.slice(1)}/assets`;
			const build: BuildEnvironmentOptions | undefined =
				env.command !== 'build'
					? undefined
					: env.isSsrBuild
						? {
								outDir: 'build/server',
								emptyOutDir: true,
								copyPublicDir: false,
								target: 'node20',
								minify: false,
								rolldownOptions: { input: { app: SERVER_ENTRY_ID } }
							}
						: {
								outDir: 'build/client',
								emptyOutDir: true,
								assetsDir,
								manifest: true,
								rolldownOptions: { input: { runtime: CLIENT_RUNTIME } }
							};
			return {
				appType: 'custom',
				publicDir: 'static',
				resolve: { alias: { $lib: path.join(root, 'src/lib') } },
				// One copy of the framework for the dev server and the pages it renders (request context, key).
				ssr: { external: ['mochi-framework'] },
				build
			};
		},
		transform: {
			// The browser runtime learns the asset prefix here, in dev and at build, wherever the
			// package is installed (Vite's `define` doesn't reach files inside node_modules in dev).
			filter: { id: /runtime[\\/]client[\\/]asset-prefix\.js$/ },
			handler(code) {
				return code.replace(/__MOCHI_ASSET_PREFIX__/g, JSON.stringify(context.options.assetPrefix));
			}
		}
	};
}
