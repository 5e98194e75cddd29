import { createServer } from 'vite';
import { containCrashes } from '../node/crash.js';

/** `mochi dev`: Vite's dev server with the app's vite.config.ts (mochi() does the rest). */
export async function startDevServer(options: { root: string; port?: number; host?: string }) {
	const server = await createServer({
		root: options.root,
		server: { port: options.port ?? 5173, host: options.host }
	});
	await server.listen();
	// An app bug left unhandled (a rejection nobody awaits, a throw in a timer) must not end the dev server either.
	containCrashes((line) => server.config.logger.error(line, { timestamp: true }));
	server.printUrls();
	server.bindCLIShortcuts({ print: true });
	return server;
}
