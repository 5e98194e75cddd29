// What `node build` and `mochi start` run: the server, configured from the environment, with signal handling.
import { createServer, type MochiServer, type ServerOptions } from './server.js';
import { handleShutdownSignals } from './signals.js';

export interface StartedServer extends MochiServer {
	port: number;
	host: string;
}

/** `host`/`port` default to `HOST` (else `0.0.0.0`) and `PORT` (else 3000). */
export async function startServer(options: ServerOptions): Promise<StartedServer> {
	const log = options.log ?? ((line: string) => console.log(line));
	const host = options.host ?? process.env.HOST ?? '0.0.0.0';
	const port = options.port ?? parsePort(process.env.PORT);
	const server = createServer({ ...options, host, port, log });
	const address = await server.listen();
	handleShutdownSignals(server.close, log);
	log(`Listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${address.port}`);
	return { ...server, ...address };
}

function parsePort(value: string | undefined): number {
	if (value === undefined || value === '') return 3000;
	const port = Number(value);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`PORT must be a whole number from 0 to 65535, got "${value}"`);
	}
	return port;
}
