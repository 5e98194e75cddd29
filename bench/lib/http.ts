// One request with node:http, bytes exactly as sent: fetch() would decompress them behind our back.
import http from 'node:http';

export interface RawResponse {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
}

export function get(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const request = http.get(url, { headers, agent: false, timeout: 10_000 }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
			response.on('error', reject);
		});
		request.on('timeout', () => request.destroy(new Error(`GET ${url} timed out`)));
		request.on('error', reject);
	});
}
