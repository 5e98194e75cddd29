// A node:http client that sends the request target exactly as given (fetch would normalize `..`
// and re-encode), over a keep-alive pool of a fixed size, with every wait bounded.
import http from 'node:http';

export interface RawRequest {
	method: string;
	/** Sent verbatim: percent-encode anything Node would refuse to put on the wire. */
	path: string;
	body?: string | Buffer;
	headers?: Record<string, string>;
}

export interface RawResponse {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export function createClient(base: string, sockets: number) {
	const { hostname, port } = new URL(base);
	const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });

	function send(request: RawRequest): Promise<RawResponse> {
		return new Promise((resolve, reject) => {
			const headers: Record<string, string | number> = { ...request.headers };
			if (request.body !== undefined && !headers['transfer-encoding']) headers['content-length'] ??= Buffer.byteLength(request.body);
			const req = http.request({ host: hostname, port, method: request.method, path: request.path, headers, agent, timeout: 10_000 }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
				res.on('error', reject);
			});
			req.on('timeout', () => req.destroy(new Error(`timed out: ${request.method} ${request.path.slice(0, 120)}`)));
			// A server that answers 413 and closes before reading the body can reset our write: the
			// answer it already sent is what counts, so only an error without one rejects.
			req.on('error', reject);
			req.end(request.body);
		});
	}

	return { send, close: () => agent.destroy() };
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function pool<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			await work(items[index], index);
		}
	};
	await Promise.all(Array.from({ length: limit }, worker));
}
