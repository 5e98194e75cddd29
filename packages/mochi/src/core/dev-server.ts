import { createServer } from 'vite';
import { containCrashes } from '../node/crash.js';
import { ConfigError } from '../node/env.js';

/**
 * `mochi dev`: Vite's dev server with the app's vite.config.ts (mochi() does the rest). The port is
 * `--port`, else `PORT`, else vite.config's `server.port`, else Vite's 5173. A port asked for by name is
 * strict: taken, it is an error rather than another port. The host stays Vite's (localhost) unless
 * `--host` says otherwise; `HOST` is not read, as shells set it to the machine's name.
 */
export async function startDevServer(options: { root: string; port?: number; host?: string }) {
	const port = options.port ?? portFromEnv(process.env.PORT);
	const server = await createServer({
		root: options.root,
		server: { host: options.host, ...(port !== undefined && { port, strictPort: true }) }
	});
	try {
		await server.listen();
	} catch (error) {
		await server.close();
		if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' && !/already in use/.test((error as Error).message)) throw error;
		throw new ConfigError(`port ${port} is already in use: stop what listens there, or choose another with --port or PORT.`);
	}
	// An app bug left unhandled (a rejection nobody awaits, a throw in a timer) must not end the dev server either.
	containCrashes((line) => server.config.logger.error(line, { timestamp: true }));
	server.printUrls();
	server.bindCLIShortcuts({ print: true });
	return server;
}

function portFromEnv(value: string | undefined): number | undefined {
	if (value === undefined || value === '') return undefined;
	const port = Number(value);
	if (!/^\d+$/.test(value) || port > 65535) throw new ConfigError(`PORT must be a whole number from 0 to 65535, got "${value}"`);
	return port;
}
