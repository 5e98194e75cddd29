import cluster from 'node:cluster';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApp } from '../runtime/server/app.js';
import { textAnswer } from '../runtime/server/exchange.js';
import { MochiKeyError, createKey, resolveKey } from '../runtime/server/islands/key.js';
import { setKey } from '../runtime/server/islands/current-key.js';
import { answerPrerendered, loadPrerendered } from '../runtime/server/prerendered.js';
import type { ServerManifest } from '../runtime/server/app-types.js';
import type { BuildManifest } from '../core/build-app.js';
import { runPrimary, runWorker } from './cluster.js';
import { ConfigError, parseWorkers, proxyFromEnv, serverSettings } from './env.js';
import { displayUrl, enableSourceMaps, listenAddress, startServer, type StartedServer } from './start.js';

class BuildMissingError extends Error {}

export interface ServeBuildOptions {
	/** The `build/` folder written by `mochi build`. */
	dir: string;
	host?: string;
	port?: number;
	log?: (line: string) => void;
	/** Worker processes sharing the port (`runServer` only). Default: `MOCHI_WORKERS`, else 1 (no cluster). */
	workers?: number;
	/** Fixed public origin for `request.url`. Default: `ORIGIN`. */
	origin?: string;
	/** Trust `x-forwarded-proto` / `x-forwarded-host` / `x-forwarded-for`. Default: `MOCHI_TRUST_PROXY=1`. */
	trustProxy?: boolean;
	/** Proxies that append to `x-forwarded-for`. Default: `MOCHI_XFF_DEPTH`, else 1. */
	xffDepth?: number;
	/** Print "Listening on …" (a cluster worker leaves it to the primary). */
	announce?: boolean;
}

/**
 * `node build` / `mochi start`: read the build once, resolve MOCHI_KEY and the timeouts, then serve. Order per
 * request (the `entrances` of server.ts): prerendered pages (memory, else their files: `fastHandler`) → the island endpoint
 * (`beforeFiles`) → polka: URL check → hashed assets and static/ files → the app (endpoints, pages, 404).
 */
export async function serveBuild(options: ServeBuildOptions): Promise<StartedServer> {
	const dir = path.resolve(options.dir);
	const log = options.log ?? ((line: string) => console.log(line));
	const build = readBuild(dir);
	const proxy = proxyFromEnv(process.env);
	const origin = options.origin ?? proxy.origin;

	setKey(resolveKey({ value: process.env.MOCHI_KEY, production: true, warn: (line) => log(`[mochi] ${line}`) }));
	enableSourceMaps();
	const { manifest } = (await import(pathToFileURL(path.join(dir, 'server/app.js')).href)) as { manifest: ServerManifest };
	// Secure cookies whatever a request's Host or scheme says (a TLS proxy talks plain HTTP to us): only an
	// operator who pins an http:// origin, to try the build without TLS, turns the default off.
	const secureCookies = !(origin && new URL(origin).protocol === 'http:');
	// MOCHI_* variables win over mochi({ server }) from the build (node/env.ts).
	const settings = serverSettings(process.env, manifest.server);
	const app = createApp(manifest, { assets: build.assets, dev: false, log, secureCookies, renderTimeout: settings.renderTimeout });
	const assetsPath = `${manifest.assetPrefix}/assets/`;
	// Read from disk on each page's first request (and kept in memory within a budget): nothing per page here.
	const prerendered = loadPrerendered(path.join(dir, 'prerendered'), build.prerendered, { csp: app.csp, publish: app.addPublicIslands });

	return startServer({
		host: options.host,
		port: options.port,
		log,
		announce: options.announce,
		origin,
		trustProxy: options.trustProxy ?? proxy.trustProxy,
		xffDepth: options.xffDepth ?? proxy.xffDepth,
		clientDir: path.join(dir, 'client'),
		immutablePrefix: assetsPath,
		beforeFiles: app.islandPath,
		limits: settings,
		// Prerendered pages go out from memory on Node's own objects: no web Request or Response to build.
		fastHandler: (req, res) => {
			if (req.method !== 'GET' && req.method !== 'HEAD') return false;
			const page = prerendered.get((req.url ?? '/').split('?', 1)[0]);
			if (!page) return false;
			const answer = answerPrerendered(page, req.method, req.headers['accept-encoding'], req.headers['if-none-match']);
			if (!(answer instanceof Promise)) res.writeHead(answer.status, answer.headers).end(answer.body ?? undefined);
			else {
				// The page's first request (or one past the memory budget): its file is read, or it is re-signed.
				answer.then(
					(ready) => res.writeHead(ready.status, ready.headers).end(ready.body ?? undefined),
					(error: Error) => {
						log(`[mochi] prerendered page ${req.url} could not be read: ${error.message}`);
						if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Internal Server Error');
					}
				);
			}
			return true;
		},
		handler: async (request) => {
			// A hashed asset that isn't there (an old page after a deploy) is a 404, never a page.
			if (request.url.pathname.startsWith(assetsPath)) {
				return textAnswer(404, 'Not found');
			}
			return app.answer(request);
		}
	});
}

function readBuild(dir: string): BuildManifest {
	const manifestFile = path.join(dir, 'server/manifest.json');
	// Either file missing is a build that never finished (or isn't one): say what to run, not a module-not-found stack.
	for (const file of ['server/manifest.json', 'server/app.js']) {
		if (!fs.existsSync(path.join(dir, file))) throw new BuildMissingError(`${dir} is not a complete Mochi build (no ${file}). Run \`mochi build\` first.`);
	}
	return JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BuildManifest;
}

/**
 * What `node build` and `mochi start` call: serve (in N workers when asked), and on a start-up error that the
 * user must fix (a malformed MOCHI_KEY, a missing build, a bad setting) print its message, without a stack,
 * and exit with 1. The primary of a cluster resolves `undefined`: it serves nothing itself.
 */
export async function runServer(options: ServeBuildOptions): Promise<StartedServer | undefined> {
	const log = options.log ?? ((line: string) => console.log(line));
	try {
		// A worker re-runs this same entry (node:cluster forks process.argv) and just serves.
		if (cluster.isWorker) return await runWorker(() => serveBuild({ ...options, announce: false }));
		const workers = options.workers ?? parseWorkers(process.env.MOCHI_WORKERS);
		if (workers === 1) return await serveBuild(options);
		await startCluster(options, workers, log);
		return undefined;
	} catch (error) {
		const expected = error instanceof MochiKeyError || error instanceof BuildMissingError || error instanceof ConfigError;
		console.error(`mochi: ${expected ? (error as Error).message : ((error as Error)?.stack ?? error)}`);
		// A worker that cannot start exits, so that the primary sees it (and spots a crash loop).
		if (cluster.isWorker) process.exit(1);
		process.exitCode = 1;
		return undefined;
	}
}

/** Checks in the primary everything a worker would otherwise die on, N times over, then forks. */
async function startCluster(options: ServeBuildOptions, workers: number, log: (line: string) => void): Promise<void> {
	readBuild(path.resolve(options.dir));
	proxyFromEnv(process.env);
	// The variables only: mochi({ server }) lives in the server bundle, which the primary does not import.
	serverSettings(process.env);
	const { host } = listenAddress(options);
	await runPrimary({ workers, env: { MOCHI_KEY: sharedKey(log) }, url: (port) => displayUrl(host, port), log });
}

/** The MOCHI_KEY every worker gets: the configured one (checked here), else one random key for all of them. */
function sharedKey(log: (line: string) => void): string {
	const value = process.env.MOCHI_KEY;
	if (value !== undefined && value.trim() !== '') {
		resolveKey({ value, production: true, warn: () => {} });
		return value;
	}
	log(
		'[mochi] MOCHI_KEY is not set: using a random key, shared by this server\'s workers. Several instances ' +
			'(or restarts) need one shared key, or their server islands will answer 403. Run `npx mochi create-key`.'
	);
	return createKey();
}
