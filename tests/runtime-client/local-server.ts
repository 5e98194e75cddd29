// The runtime suites' page server: a plain node:http server on an ephemeral port of 127.0.0.1.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts `server` on 127.0.0.1, port 0; its base URL. */
export async function listenLocally(server: http.Server): Promise<string> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Closes `server`, with the keep-alive connections Chromium leaves open (close() alone would wait for them). */
export async function closeLocally(server: http.Server | undefined): Promise<void> {
	server?.closeAllConnections();
	await new Promise((resolve) => server?.close(resolve));
}
