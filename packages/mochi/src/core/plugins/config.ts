import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { BuildEnvironmentOptions, Plugin } from 'vite';
import { SERVER_ENTRY_ID, type PluginContext } from './context.js';
import { CLIENT_ENHANCE, CLIENT_ISLAND, CLIENT_RUNTIME, CLIENT_STREAM, devFileUrl } from '../client-runtime.js';
import { DEV_CLIENT_ISLAND_PREFIX } from './client-islands.js';
import { buildDirOf } from '../build-dir.js';
import { clientModuleSideEffects, fixManifestPlaceholders } from './client-chunks.js';

/** mochi:config — the Vite settings every Mochi app shares, for dev, both builds and vitest. */
export function configPlugin(context: PluginContext): Plugin {
	let islandCodePrefix = '';
	let building = false;
	/** Build (client bundle): the reference of the client-island chunk the runtime points at, once emitted. */
	let clientIslandRef: string | undefined;
	return {
		name: 'mochi:config',
		config(config, env) {
			const root = path.resolve(config.root ?? process.cwd());
			context.root = root;
			context.buildDir = buildDirOf(config, root);
			const assetsDir = `${context.options.assetPrefix.slice(1)}/assets`;
			// Where the runtime may import client-island code from: the built chunks, or Vite's modules in dev.
			building = env.command === 'build';
			islandCodePrefix = env.command === 'build' ? `/${assetsDir}/` : DEV_CLIENT_ISLAND_PREFIX;
			const build: BuildEnvironmentOptions | undefined =
				env.command !== 'build'
					? undefined
					: env.isSsrBuild
						? {
								outDir: path.join(context.buildDir, 'server'),
								emptyOutDir: true,
								copyPublicDir: false,
								target: 'node20',
								minify: false,
								// For the server's own stacks (node/start.ts turns them on): build/server is never served.
								sourcemap: true,
								rolldownOptions: { input: { app: SERVER_ENTRY_ID } }
							}
						: {
								outDir: path.join(context.buildDir, 'client'),
								emptyOutDir: true,
								assetsDir,
								manifest: true,
								rolldownOptions: {
									input: { runtime: CLIENT_RUNTIME, enhance: CLIENT_ENHANCE, stream: CLIENT_STREAM },
									// Each Svelte runtime module goes to the islands that use it (client-chunks.ts).
									treeshake: { moduleSideEffects: clientModuleSideEffects }
								}
							};
			return {
				appType: 'custom',
				publicDir: 'static',
				resolve: { alias: { $lib: path.join(root, 'src/lib') } },
				// One copy of the framework for the dev server and the pages it renders (request context, key).
				ssr: { external: ['mochi-framework'] },
				build,
				// vitest runs the app's tests through this same config; the key is only there under vitest.
				...('test' in config ? vitestConfig(root, (config as { test?: { testTimeout?: number } }).test?.testTimeout) : {})
			};
		},
		writeBundle(options) {
			// Vite's manifest names the client-island chunk by its placeholder: the real file goes in instead.
			if (!building || this.environment.name !== 'client' || !options.dir) return;
			const real = clientIslandRef && this.getFileName(clientIslandRef);
			fixManifestPlaceholders(path.join(options.dir, '.vite/manifest.json'), (name) =>
				real && name.startsWith(`${path.posix.dirname(real)}/client-island-`) ? real : undefined
			);
		},
		configResolved(config) {
			context.warn = (message) => config.logger.warn(message, { timestamp: true });
		},
		transform: {
			// The browser runtime learns the app's settings here, in dev and at build, wherever the
			// package is installed (Vite's `define` doesn't reach files inside node_modules in dev).
			filter: { id: /runtime[\\/]client[\\/]app-config\.js$/ },
			handler(code) {
				// client-island.ts: a chunk of the client build (its URL in the runtime follows its hash), or the
				// file itself in dev.
				const clientIsland = building
					? `import.meta.ROLLUP_FILE_URL_${(clientIslandRef = this.emitFile({ type: 'chunk', id: CLIENT_ISLAND, name: 'client-island', preserveSignature: 'exports-only' }))}`
					: JSON.stringify(devFileUrl(CLIENT_ISLAND));
				return code
					.replace(/__MOCHI_ASSET_PREFIX__/g, JSON.stringify(context.options.assetPrefix))
					.replace(/__MOCHI_ISLAND_TIMEOUT__/g, String(context.options.islands.timeout))
					.replace(/__MOCHI_ISLAND_CODE_PREFIX__/g, JSON.stringify(islandCodePrefix))
					.replace(/__MOCHI_CLIENT_ISLAND__/g, clientIsland);
			}
		}
	};
}

const CLIENT_TEST_SETUP = fileURLToPath(new URL('../../testing/client-setup.js', import.meta.url));

/**
 * Component tests need no config of their own.
 * - vite-plugin-svelte has Vite, not Node, load Svelte under vitest, so mochi-framework (whose
 *   renderServer and client islands call Svelte's `render`) must be loaded by Vite too: loaded by Node,
 *   it would get a second Svelte, which knows nothing of async rendering (`await_invalid`).
 *   vite-plugin-svelte does that for packages that depend on Svelte; said here, it never hinges on that.
 * - A test file marked `// @vitest-environment jsdom` runs in Vite's client environment, which vitest
 *   resolves with server conditions: `browser` gives it Svelte's browser build. @testing-library/svelte
 *   is loaded by Vite so that its own `import 'svelte'` gets that build too; and, if the app has it,
 *   its cleanup after each test runs in DOM environments (testing/client-setup.ts), as its own
 *   `svelteTesting()` plugin would do.
 * - 30 s per test unless the app sets `test.testTimeout`: a component test renders real components
 *   (async SSR, a DOM), and vitest's 5 s default failed the demo's own tests on a busy two-core machine.
 */
export const TEST_TIMEOUT = 30_000;

function vitestConfig(root: string, testTimeout: number | undefined) {
	let cleanup: string | undefined;
	try {
		cleanup = createRequire(path.join(root, 'package.json')).resolve('@testing-library/svelte/vitest');
	} catch {
		// not installed: the app has no client component tests
	}
	return {
		environments: { client: { resolve: { conditions: ['browser'] } } },
		test: {
			...(testTimeout === undefined && { testTimeout: TEST_TIMEOUT }),
			server: { deps: { inline: ['mochi-framework', '@testing-library/svelte', '@testing-library/svelte-core'] } },
			...(cleanup && { setupFiles: [CLIENT_TEST_SETUP], env: { MOCHI_TESTING_LIBRARY_SETUP: cleanup } })
		}
	};
}
