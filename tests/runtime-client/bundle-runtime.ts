// Builds the browser runtime from its TypeScript source the way an app build does (Vite, minified),
// in memory, so the browser test runs the real code without depending on packages/mochi/dist.
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';

const ENTRY = fileURLToPath(new URL('../../packages/mochi/src/runtime/client/index.ts', import.meta.url));
/** Client islands' code, which the runtime imports only when a client island connects. */
export const CLIENT_ISLAND_ENTRY = fileURLToPath(new URL('../../packages/mochi/src/runtime/client/client-island.ts', import.meta.url));
/** Enhanced forms' entry (with refresh.ts), loaded beside the runtime only by pages that have an enhanced form. */
export const ENHANCE_ENTRY = fileURLToPath(new URL('../../packages/mochi/src/runtime/client/enhance.ts', import.meta.url));

/**
 * `assetPrefix` (and the island code prefix under it) and `timeout` become Vite `define`s, standing in for what the mochi() plugin puts in;
 * without them the runtime's own defaults ('/_mochi', 10 s) are used.
 */
export async function bundleRuntime(options: { assetPrefix?: string; timeout?: number; entry?: string } = {}): Promise<{ code: string; gzipped: number }> {
	const define: Record<string, string> = {};
	if (options.assetPrefix !== undefined) {
		define.__MOCHI_ASSET_PREFIX__ = JSON.stringify(options.assetPrefix);
		define.__MOCHI_ISLAND_CODE_PREFIX__ = JSON.stringify(`${options.assetPrefix}/assets/`);
	}
	if (options.timeout !== undefined) define.__MOCHI_ISLAND_TIMEOUT__ = String(options.timeout);
	const result = await build({
		configFile: false,
		logLevel: 'silent',
		define,
		build: {
			write: false,
			minify: true,
			target: 'es2022',
			// client-island.ts is imported for its export, as the app build's emitted chunk keeps it.
			rolldownOptions: { input: options.entry ?? ENTRY, preserveEntrySignatures: options.entry === CLIENT_ISLAND_ENTRY ? 'exports-only' : false }
		}
	});
	const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
	const chunks = outputs.flatMap((output) => output.output).filter((item) => item.type === 'chunk');
	if (chunks.length !== 1) throw new Error(`Expected one runtime chunk, got ${chunks.length}`);
	const code = chunks[0].code;
	return { code, gzipped: gzipSync(code).length };
}
