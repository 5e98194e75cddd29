import path from 'node:path';
import { isRunnableDevEnvironment, type Plugin, type ViteDevServer } from 'vite';
import { createApp, type MochiApp } from '../../runtime/server/app.js';
import type { ServerManifest } from '../../runtime/server/app-types.js';
import { resolveKey } from '../../runtime/server/islands/key.js';
import { setKey } from '../../runtime/server/islands/current-key.js';
import { toRequest, writeResponse } from '../../node/request.js';
import { DEFAULT_BODY_LIMIT } from '../../runtime/shared/constants.js';
import { CLIENT_ENHANCE, CLIENT_ISLAND, CLIENT_RUNTIME, CLIENT_STREAM, devFileUrl } from '../client-runtime.js';
import { devClientIslandUrl } from './client-islands.js';
import { createDevErrorReporter, overlayPage, type DevErrorReporter } from './dev-errors.js';
import { isolateModuleEvaluation } from './dev-module-evaluation.js';
import { RESOLVED_SERVER_ENTRY_ID, isInside, type PluginContext } from './context.js';

/**
 * mochi:dev-server — `mochi dev`: every request that Vite itself doesn't serve is rendered on
 * demand from source, through Vite's SSR module runner. Pages are server-only, so editing one
 * triggers a full reload; the browser then fetches fresh HTML and fresh islands.
 */
export function devServerPlugin(context: PluginContext): Plugin {
	return {
		name: 'mochi:dev-server',
		apply: 'serve',
		configureServer(server) {
			// vitest's own Vite server runs component tests, not HTTP (it adds a `test` key to the config).
			if ('test' in server.config) return;
			setKey(resolveKey({ value: process.env.MOCHI_KEY, production: false, warn: (m) => server.config.logger.warn(m) }));
			// After an error, the next save anywhere in src/ reloads the page: the failing module may never
			// have entered the module graph, so HMR alone can't be relied on to notice the fix.
			const failed = { value: false };
			const errors = createDevErrorReporter(server);
			watchApp(server, context, failed);
			server.watcher.on('all', () => errors.forget());
			const load = appLoader(server, failed, errors);
			// The island endpoint caps its own reads; every other body gets `server.bodyLimit`.
			const islandPath = `${context.options.assetPrefix}/island/`;
			return () => {
				server.middlewares.use(async (req, res, next) => {
					let request: Request | undefined;
					try {
						const app = await load();
						// The dev server is not behind a proxy: the peer is the client.
						const bodyLimit = req.url?.startsWith(islandPath) ? false : (context.options.server.bodyLimit ?? DEFAULT_BODY_LIMIT) || false;
						request = toRequest(req, { trustProxy: false, bodyLimit });
						const response = await app.respond(request, { clientAddress: req.socket.remoteAddress ?? '' });
						await writeResponse(res, response, req.method ?? 'GET');
					} catch (error) {
						// The app itself didn't load (a broken layout, a directive error found by the island scan):
						// logged once per save, like any other dev error, and answered with Vite's overlay.
						failed.value = true;
						if (res.headersSent) return next(error);
						const { head } = errors.report(error, request ?? { method: req.method ?? 'GET', url: `http://localhost${req.url ?? '/'}` });
						res.writeHead(500, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(overlayPage(head));
					}
				});
			};
		},
		hotUpdate({ file, modules, server }) {
			// Under vitest (a `test` key in the config) its own watcher reruns tests: leave its module graph alone.
			if (this.environment.name !== 'ssr' || modules.length === 0 || 'test' in server.config) return;
			// The server side reloads on the next request, not now: Vite's own SSR "full reload" would import
			// the app at once and log a broken file's error a second time, before any request met it.
			forgetEvaluated(server);
			// A file only the server renders (a page, a server island): reload the page in the browser.
			if (!server.environments.client.moduleGraph.getModulesByFile(file)?.size) server.environments.client.hot.send({ type: 'full-reload' });
			return [];
		}
	};
}

function appLoader(server: ViteDevServer, failed: { value: boolean }, errors: DevErrorReporter): () => Promise<MochiApp> {
	const environment = server.environments.ssr;
	if (!isRunnableDevEnvironment(environment)) throw new Error('mochi dev needs a runnable SSR environment.');
	// No module is evaluated inside a request: module-level getRequestContext() is an error, as at build.
	isolateModuleEvaluation(environment.runner, (stack) => server.ssrRewriteStacktrace(stack));
	let cached: { manifest: ServerManifest; app: MochiApp } | null = null;
	const assets = {
		runtime: devFileUrl(CLIENT_RUNTIME),
		enhance: devFileUrl(CLIENT_ENHANCE),
		clientIsland: devFileUrl(CLIENT_ISLAND),
		stream: devFileUrl(CLIENT_STREAM),
		css: {},
		head: '<script type="module" src="/@vite/client"></script>'
	};
	return async () => {
		const { manifest } = (await environment.runner.import(RESOLVED_SERVER_ENTRY_ID.slice(1))) as { manifest: ServerManifest };
		if (cached?.manifest !== manifest) {
			const islands = Object.fromEntries(Object.keys(manifest.islands).map((name) => [name, devClientIslandUrl(name)]));
			const onError = (error: unknown, request: Request, cspNonce?: string) => {
				failed.value = true;
				return errors.report(error, request, cspNonce);
			};
			// No Secure cookies by default in dev: it runs on plain http://localhost (DESIGN.md §7).
			cached = { manifest, app: createApp(manifest, { assets: { ...assets, islands }, dev: true, onError, secureCookies: false }) };
		}
		return cached.app;
	};
}

/** Routes or islands changed: rescan, and have the SSR runner load a fresh server entry. */
function watchApp(server: ViteDevServer, context: PluginContext, failed: { value: boolean }) {
	const src = path.join(context.root, 'src');
	const refresh = (file: string, structural: boolean) => {
		if (!isInside(src, file)) return;
		if (failed.value) {
			failed.value = false;
			context.invalidate();
			invalidateEntry(server);
			server.environments.client.hot.send({ type: 'full-reload' });
			return;
		}
		if (!structural && !(file.endsWith('.svelte') && server.environments.ssr.moduleGraph.getModulesByFile(file))) return;
		context.invalidate();
		invalidateEntry(server);
		if (structural) server.environments.client.hot.send({ type: 'full-reload' });
	};
	server.watcher.on('add', (file) => refresh(file, true));
	server.watcher.on('unlink', (file) => refresh(file, true));
	server.watcher.on('change', (file) => refresh(file, false));
}

/** What Vite's SSR full reload does, minus importing the app again there and then. */
function forgetEvaluated(server: ViteDevServer) {
	const environment = server.environments.ssr;
	if (isRunnableDevEnvironment(environment)) environment.runner.evaluatedModules.clear();
}

/** Have the SSR runner load a fresh server entry on the next request. */
function invalidateEntry(server: ViteDevServer) {
	const environment = server.environments.ssr;
	const node = environment.moduleGraph.getModuleById(RESOLVED_SERVER_ENTRY_ID);
	if (node) environment.moduleGraph.invalidateModule(node);
	if (isRunnableDevEnvironment(environment)) {
		const evaluated = environment.runner.evaluatedModules.getModuleById(RESOLVED_SERVER_ENTRY_ID);
		if (evaluated) environment.runner.evaluatedModules.invalidateModule(evaluated);
	}
}
