import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApp } from '../runtime/server/app.js';
import { MochiKeyError, resolveKey } from '../runtime/server/islands/key.js';
import { setKey } from '../runtime/server/islands/current-key.js';
import { loadPrerendered, respondPrerendered } from '../runtime/server/prerendered.js';
import type { ServerManifest } from '../runtime/server/app-types.js';
import type { BuildManifest } from '../core/build-app.js';
import { startServer, type StartedServer } from './start.js';

class BuildMissingError extends Error {}

export interface ServeBuildOptions {
	/** The `build/` folder written by `mochi build`. */
	dir: string;
	host?: string;
	port?: number;
	log?: (line: string) => void;
}

/**
 * `node build` / `mochi start`: read the build once, resolve MOCHI_KEY, then serve. Order per
 * request: island endpoint → hashed assets and static/ files → prerendered pages (memory) → render.
 */
export async function serveBuild(options: ServeBuildOptions): Promise<StartedServer> {
	const dir = path.resolve(options.dir);
	const log = options.log ?? ((line: string) => console.log(line));
	const manifestFile = path.join(dir, 'server/manifest.json');
	if (!fs.existsSync(manifestFile)) throw new BuildMissingError(`${dir} is not a Mochi build (no server/manifest.json). Run \`mochi build\` first.`);
	const build = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BuildManifest;

	setKey(resolveKey({ value: process.env.MOCHI_KEY, production: true, warn: (line) => log(`[mochi] ${line}`) }));
	const { manifest } = (await import(pathToFileURL(path.join(dir, 'server/app.js')).href)) as { manifest: ServerManifest };
	const app = createApp(manifest, { assets: build.assets, dev: false, log });
	const assetsPath = `${manifest.assetPrefix}/assets/`;
	const prerendered = loadPrerendered(path.join(dir, 'prerendered'), build.prerendered);

	return startServer({
		host: options.host,
		port: options.port,
		log,
		clientDir: path.join(dir, 'client'),
		immutablePrefix: assetsPath,
		preHandler: (request) => app.handleIsland(request),
		handler: async (request) => {
			// A hashed asset that isn't there (an old page after a deploy) is a 404, never a page.
			if (new URL(request.url).pathname.startsWith(assetsPath)) {
				return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
			}
			if (request.method === 'GET' || request.method === 'HEAD') {
				const page = prerendered.get(new URL(request.url).pathname);
				if (page) return respondPrerendered(page, request);
			}
			return app.respond(request);
		}
	});
}

/**
 * What `node build` and `mochi start` call: serve, and on a start-up error that the user must fix
 * (a malformed MOCHI_KEY, a missing build) print its message, without a stack, and exit with 1.
 */
export async function runServer(options: ServeBuildOptions): Promise<StartedServer | undefined> {
	try {
		return await serveBuild(options);
	} catch (error) {
		const expected = error instanceof MochiKeyError || error instanceof BuildMissingError;
		console.error(`mochi: ${expected ? (error as Error).message : ((error as Error)?.stack ?? error)}`);
		process.exitCode = 1;
		return undefined;
	}
}
