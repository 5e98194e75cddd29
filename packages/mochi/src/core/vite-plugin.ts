import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { resolveOptions, type MochiOptions } from './options.js';
import { createPluginContext, isRouteComponent } from './plugins/context.js';
import { configPlugin } from './plugins/config.js';
import { envPlugin } from './plugins/env.js';
import { islandsPlugin } from './plugins/islands.js';
import { entryPlugin } from './plugins/entry.js';
import { devServerPlugin } from './plugins/dev-server.js';
import { cssPlugin } from './plugins/css.js';
import { clientIslandsPlugin } from './plugins/client-islands.js';
import { serverOnlyPlugin } from './plugins/server-only.js';
import { clientRequestContextPlugin } from './plugins/client-request-context.js';
import { routeWarningFilter } from './route-warnings.js';
import { mapSveltePositions, type Rewrites } from './plugins/svelte-positions.js';

/**
 * `mochi()` for vite.config.ts. The returned list is the whole pipeline, in order: Mochi's own
 * plugins (config, .env files into process.env, island rewriting before Svelte sees the file, the server entry,
 * dev server, CSS, client islands, the checks of what the browser must not run: server-only modules,
 * getRequestContext()), then vite-plugin-svelte with async SSR on, its diagnostics moved back to the lines the
 * user wrote.
 */
export function mochi(options: MochiOptions = {}): Plugin[] {
	const context = createPluginContext(resolveOptions(options));
	const rewrites: Rewrites = new Map();
	const sveltePlugins = svelte({
		compilerOptions: { experimental: { async: true } },
		dynamicCompileOptions: ({ filename, compileOptions, environment }) => {
			if (compileOptions.generate !== 'server') return undefined;
			// In dev, server-rendered components carry their own <style> (no build step to gather CSS files).
			const css = environment.mode === 'dev' ? ({ css: 'injected' } as const) : undefined;
			// A route component is never hydrated: "only captures the initial value" can't apply (route-warnings.ts).
			const quiet = isRouteComponent(context, filename) ? { warningFilter: routeWarningFilter(compileOptions.warningFilter) } : undefined;
			return css || quiet ? { ...css, ...quiet } : undefined;
		}
	});
	mapSveltePositions(sveltePlugins, rewrites);
	return [
		configPlugin(context),
		envPlugin(),
		islandsPlugin(context, rewrites),
		entryPlugin(context),
		devServerPlugin(context),
		cssPlugin(context),
		clientIslandsPlugin(context),
		serverOnlyPlugin(context),
		clientRequestContextPlugin(context),
		...sveltePlugins
	];
}
