import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { resolveOptions, type MochiOptions } from './options.js';
import { createPluginContext } from './plugins/context.js';
import { configPlugin } from './plugins/config.js';
import { islandsPlugin } from './plugins/islands.js';
import { entryPlugin } from './plugins/entry.js';
import { devServerPlugin } from './plugins/dev-server.js';
import { cssPlugin } from './plugins/css.js';
import { clientIslandsPlugin } from './plugins/client-islands.js';
import { serverOnlyPlugin } from './plugins/server-only.js';
import { clientRequestContextPlugin } from './plugins/client-request-context.js';

/**
 * `mochi()` for vite.config.ts. The returned list is the whole pipeline, in order: Mochi's own
 * plugins (config, island rewriting before Svelte sees the file, the server entry, dev server, CSS,
 * client islands, the checks of what the browser must not run: server-only modules, getRequestContext()),
 * then vite-plugin-svelte with async SSR on.
 */
export function mochi(options: MochiOptions = {}): Plugin[] {
	const context = createPluginContext(resolveOptions(options));
	return [
		configPlugin(context),
		islandsPlugin(context),
		entryPlugin(context),
		devServerPlugin(context),
		cssPlugin(context),
		clientIslandsPlugin(context),
		serverOnlyPlugin(context),
		clientRequestContextPlugin(context),
		...svelte({
			compilerOptions: { experimental: { async: true } },
			// In dev, server-rendered components carry their own <style> (no build step to gather CSS files).
			dynamicCompileOptions: ({ compileOptions, environment }) =>
				compileOptions.generate === 'server' && environment.mode === 'dev' ? { css: 'injected' } : undefined
		})
	];
}
