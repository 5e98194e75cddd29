import { createServer } from 'vite';

/** `mochi dev`: Vite's dev server with the app's vite.config.ts (mochi() does the rest). */
export async function startDevServer(options: { root: string; port?: number; host?: string }) {
	const server = await createServer({
		root: options.root,
		server: { port: options.port ?? 5173, host: options.host }
	});
	await server.listen();
	server.printUrls();
	server.bindCLIShortcuts({ print: true });
	return server;
}
