// What `node build` and `mochi start` run: the server, configured from the environment, with the process-level
// policy: signal handling (signals.ts) and crash containment (crash.ts).
import { createServer, type MochiServer, type ServerOptions } from './server.js';
import { ConfigError } from './env.js';
import { handleShutdownSignals } from './signals.js';
import { containCrashes } from './crash.js';

export interface StartedServer extends MochiServer {
	port: number;
	host: string;
}

export interface StartOptions extends ServerOptions {
	/** Print "Listening on …" (default). A cluster worker leaves that line to the primary. */
	announce?: boolean;
}

/**
 * Error stacks through the build's source maps, so a logged crash names `src/routes/cart.svelte:12`, not a
 * bundled chunk. The maps are in build/server, which is never served (the client build emits none unless
 * the app's own `build.sourcemap` asks). Node reads maps only for modules loaded after this call, so it
 * comes before the server bundle is imported.
 */
export function enableSourceMaps(): void {
	process.setSourceMapsEnabled(true);
}

/** `host`/`port` default to `HOST` (else `0.0.0.0`) and `PORT` (else 3000). */
export async function startServer(options: StartOptions): Promise<StartedServer> {
	const log = options.log ?? ((line: string) => console.log(line));
	const { host, port } = listenAddress(options);
	const server = createServer({ ...options, host, port, log });
	const address = await server.listen();
	handleShutdownSignals(server.close, log);
	// Once listening: an error before that is a start-up failure, which must still stop the process.
	containCrashes(log);
	if (options.announce !== false) log(`Listening on ${displayUrl(host, address.port)}`);
	return { ...server, ...address };
}

/** Where to listen: the options, else `HOST`/`PORT`. Throws for a bad `PORT`. */
export function listenAddress(options: { host?: string; port?: number }): { host: string; port: number } {
	return { host: options.host ?? process.env.HOST ?? '0.0.0.0', port: options.port ?? parsePort(process.env.PORT) };
}

/** The URL to print: a wildcard host is reachable as localhost. */
export function displayUrl(host: string, port: number): string {
	return `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
}

function parsePort(value: string | undefined): number {
	if (value === undefined || value === '') return 3000;
	const port = Number(value);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new ConfigError(`PORT must be a whole number from 0 to 65535, got "${value}"`);
	}
	return port;
}
