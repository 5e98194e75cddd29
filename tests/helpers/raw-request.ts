// One HTTP request through node:http, on a fresh connection: unlike fetch, it sends exactly the headers given
// (Host, Origin, Sec-Fetch-Site, X-Forwarded-* included) and keeps every Set-Cookie line. Bounded in time.
import http from 'node:http';

export interface RawAnswer {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
	/** The body as received (a compressed one is left compressed). */
	bytes: Buffer;
}

export interface RawRequest {
	method?: string;
	headers?: Record<string, string>;
	body?: string;
	timeoutMs?: number;
}

export function send(url: string, { method = 'GET', headers = {}, body, timeoutMs = 10_000 }: RawRequest = {}): Promise<RawAnswer> {
	const target = new URL(url);
	// Node sends a DELETE's body without chunking: without a length the server would read it as the next request.
	if (body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-length')) {
		headers = { ...headers, 'content-length': String(Buffer.byteLength(body)) };
	}
	return new Promise((resolve, reject) => {
		const request = http.request(
			{ host: target.hostname, port: target.port, path: target.pathname + target.search, method, headers, agent: false },
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => {
					const bytes = Buffer.concat(chunks);
					resolve({ status: response.statusCode!, headers: response.headers, body: bytes.toString('utf8'), bytes });
				});
				response.on('error', reject);
			}
		);
		request.setTimeout(timeoutMs, () => request.destroy(new Error(`timed out: ${method} ${url}`)));
		request.on('error', reject);
		request.end(body);
	});
}

/** Runs `tasks` with at most `limit` in flight, in order of the results. */
export async function inBatches<T>(tasks: Array<() => Promise<T>>, limit = 8): Promise<T[]> {
	const results: T[] = new Array(tasks.length);
	let next = 0;
	const worker = async () => {
		while (next < tasks.length) {
			const index = next++;
			results[index] = await tasks[index]();
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
	return results;
}
