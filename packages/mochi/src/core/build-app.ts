import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { createApp } from '../runtime/server/app.js';
import { resolveKey } from '../runtime/server/islands/key.js';
import { setKey } from '../runtime/server/islands/current-key.js';
import type { ClientAssets, ServerManifest } from '../runtime/server/app-types.js';
import { CSS_MANIFEST_FILE } from './plugins/css.js';
import { CLIENT_ENHANCE, CLIENT_ISLAND, CLIENT_RUNTIME, CLIENT_STREAM } from './client-runtime.js';
import { CLIENT_ISLANDS_FILE } from './plugins/client-islands.js';
import { prerender } from './prerender/index.js';
import { precompress } from './precompress.js';
import { writeServedFiles } from './prerendered-files.js';
import type { PrerenderedEntry } from '../runtime/server/prerendered.js';
import { BUILD_DIR_KEY, afterFailedBuild, freshBuildDir, swapInBuild } from './build-dir.js';
import { inlineStream, type ViteChunk } from './inline-stream.js';

/** build/server/manifest.json: what the production server needs besides the server bundle. */
export interface BuildManifest {
	assets: ClientAssets;
	prerendered: Record<string, PrerenderedEntry>;
}

/**
 * `mochi build`: the browser bundle (the island runtime), then the server bundle (which also writes
 * per-page CSS), then prerendered pages, then build/index.js so that `node build` starts the app. All of
 * it goes to a fresh folder that replaces build/ only once every step worked (core/build-dir.ts).
 */
export async function buildApp(options: { root: string; log?: (line: string) => void }): Promise<BuildManifest> {
	const root = path.resolve(options.root);
	const log = options.log ?? ((line) => console.log(line));
	// Vite keeps a NODE_ENV that is already set (vitest sets `test`), which would ship Svelte's dev build.
	if (process.env.NODE_ENV && process.env.NODE_ENV !== 'production') {
		log(`mochi build: NODE_ENV was "${process.env.NODE_ENV}"; building for production anyway.`);
	}
	process.env.NODE_ENV = 'production';
	const out = path.join(root, 'build');
	const next = freshBuildDir(root);
	let built: BuildManifest;
	try {
		built = await buildInto(root, next, log);
	} catch (error) {
		const outcome = afterFailedBuild(next, out);
		log(
			outcome === 'kept'
				? 'mochi build failed: the previous build in build/ was kept, and `node build` still serves it.'
				: 'mochi build failed: there was no complete earlier build, so `node build` will refuse to start until a build succeeds.'
		);
		throw error;
	}
	swapInBuild(next, out);
	return built;
}

async function buildInto(root: string, out: string, log: (line: string) => void): Promise<BuildManifest> {
	// Both builds write under `out` (mochi:config reads this key), not build/ itself.
	const inline = { root, mode: 'production', logLevel: 'warn' as const, [BUILD_DIR_KEY]: out };
	await build(inline);
	await build({ ...inline, build: { ssr: true } });

	const viteManifest = JSON.parse(fs.readFileSync(path.join(out, 'client/.vite/manifest.json'), 'utf8'));
	const entry = (file: string) =>
		Object.values(viteManifest as Record<string, ViteChunk>).find(
			(chunk) => chunk.isEntry && chunk.src && path.resolve(root, chunk.src) === file
		);
	const runtimeChunk = entry(CLIENT_RUNTIME);
	const enhanceChunk = entry(CLIENT_ENHANCE);
	const clientIslandChunk = entry(CLIENT_ISLAND);
	const streamChunk = entry(CLIENT_STREAM);
	if (!runtimeChunk) throw new Error('mochi build: the island runtime is missing from the client build.');
	const css = JSON.parse(fs.readFileSync(path.join(out, 'server', CSS_MANIFEST_FILE), 'utf8'));
	const islands = JSON.parse(fs.readFileSync(path.join(out, 'client', CLIENT_ISLANDS_FILE), 'utf8'));
	const assets: ClientAssets = {
		runtime: `/${runtimeChunk.file}`,
		enhance: enhanceChunk ? `/${enhanceChunk.file}` : null,
		clientIsland: clientIslandChunk ? `/${clientIslandChunk.file}` : null,
		stream: streamChunk ? `/${streamChunk.file}` : null,
		inlineStream: streamChunk ? inlineStream(path.join(out, 'client'), runtimeChunk, streamChunk) : null,
		css,
		islands
	};

	// Prerendering signs islands; the server signs them again at start with the key it runs with, and sends the
	// files written here as they are when that key is this one (prerendered-files.ts).
	setKey(resolveKey({ value: process.env.MOCHI_KEY, production: false, warn: log }));
	// A page that fails to prerender is reported at its source line (see enableSourceMaps in node/start.ts).
	process.setSourceMapsEnabled(true);
	const { manifest } = (await import(pathToFileURL(path.join(out, 'server/app.js')).href)) as { manifest: ServerManifest };
	const app = createApp(manifest, { assets, dev: false, secureCookies: true });
	const prerendered = await prerender(app, { outDir: path.join(out, 'prerendered'), clientDir: path.join(out, 'client'), log, root });
	const served = await writeServedFiles(path.join(out, 'prerendered'), prerendered, app.csp);
	if (served.pages > 0) log(`  precompressed ${served.pages} prerendered pages: ${served.bytes} B → ${served.brotli} B brotli`);

	const compressed = await precompress(path.join(out, 'client'));
	log(`  precompressed ${compressed.files} client files: ${compressed.bytes} B → ${compressed.brotli} B brotli, ${compressed.gzip} B gzip`);

	const buildManifest: BuildManifest = { assets, prerendered };
	fs.writeFileSync(path.join(out, 'server/manifest.json'), JSON.stringify(buildManifest, null, '\t'));
	fs.writeFileSync(
		path.join(out, 'index.js'),
		"// Generated by `mochi build`: `node build` starts the production server.\n" +
			"import { runServer } from 'mochi-framework/node';\n\n" +
			'await runServer({ dir: import.meta.dirname });\n'
	);
	return buildManifest;
}
