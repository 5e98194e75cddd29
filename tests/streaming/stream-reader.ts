// Reads one HTTP response as it streams, over its own connection (node:http, so nothing buffers it), decoding
// gzip or brotli as it comes: a test can wait for a part of the body while the rest is still being rendered.
import http from 'node:http';
import zlib from 'node:zlib';
import { waitFor } from '../helpers/wait.js';

export interface StreamRead {
	status: number;
	headers: http.IncomingHttpHeaders;
	/** The body decoded so far. */
	text(): string;
	ended(): boolean;
	/** Waits (bounded) until the body so far contains `part`. */
	until(part: string | RegExp, timeout?: number): Promise<void>;
	/** Waits (bounded) for the end of the response; its whole body. */
	end(timeout?: number): Promise<string>;
	/** Goes away mid-stream, as a closed tab does. */
	destroy(): void;
}

export function openStream(url: string, headers: Record<string, string> = {}): Promise<StreamRead> {
	const target = new URL(url);
	return new Promise((resolve, reject) => {
		const request = http.get({ host: target.hostname, port: target.port, path: target.pathname + target.search, headers, agent: false }, (response) => {
			let text = '';
			let ended = false;
			const encoding = response.headers['content-encoding'];
			const decoded =
				encoding === 'gzip' ? response.pipe(zlib.createGunzip()) : encoding === 'br' ? response.pipe(zlib.createBrotliDecompress()) : response;
			decoded.setEncoding('utf8');
			decoded.on('data', (chunk: string) => (text += chunk));
			decoded.on('end', () => (ended = true));
			decoded.on('error', () => {});
			response.on('error', () => {});
			const has = (part: string | RegExp) => (typeof part === 'string' ? text.includes(part) : part.test(text));
			resolve({
				status: response.statusCode!,
				headers: response.headers,
				text: () => text,
				ended: () => ended,
				until: async (part, timeout = 15_000) => void (await waitFor(() => has(part), { what: `${String(part)} in ${url} (so far: …${text.slice(-300)})`, timeout })),
				end: async (timeout = 20_000) => (await waitFor(() => ended, { what: `the end of ${url}`, timeout }), text),
				destroy: () => request.destroy()
			});
		});
		request.setTimeout(30_000, () => request.destroy(new Error(`timed out: ${url}`)));
		request.on('error', reject);
	});
}

/** The slots of the `<mochi-stream for="N">` elements in a body, in the order they were written. */
export function carriers(body: string): Array<{ slot: number; attributes: string; html: string }> {
	return [...body.matchAll(/<template>([\s\S]*?)<\/template><mochi-stream for="(\d+)"([^>]*)><\/mochi-stream>/g)].map((match) => ({
		slot: Number(match[2]),
		attributes: match[3].trim(),
		html: match[1]
	}));
}
