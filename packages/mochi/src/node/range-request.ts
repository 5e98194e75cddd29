// GET requests with a Range header, for files (node/static-files.ts). sirv picks the file and its headers,
// as for any request, but Mochi sends the bytes: sirv's own range code answers `bytes=0-0` with the
// whole file as a 206, reads `bytes=-5` as the first six bytes, and throws a RangeError for `bytes=5-1`
// after the headers went out (a reset connection and a logged failure).
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { parseRange, resolveRange } from './byte-range.js';

type Serve = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Answers a request that carries a Range header. Ranges apply to GET only (RFC 9110 §14.2), one range
 * at a time, and to the file as stored: a range of a brotli variant would be useless to a client that
 * resumes with other encodings. With `If-Range` the whole file is sent: sirv's ETags are weak, and a
 * weak validator never matches an If-Range (§13.1.5). An ignored Range is a plain 200 of the whole file.
 */
export function serveRange(serve: Serve, req: IncomingMessage, res: ServerResponse, next: () => void): void {
	const spec = req.method === 'GET' && req.headers['if-range'] === undefined ? parseRange(req.headers.range ?? '') : null;
	if (!spec) return serveWhole(serve, req, res, next);

	const probe = new Probe();
	let missed = false;
	serve(stripped(req), probe as unknown as ServerResponse, () => (missed = true));
	if (missed) return next();
	// Not modified (If-None-Match): the same answer sirv gives without a Range.
	if (probe.status === 304) return void res.writeHead(304).end();
	const size = Number(probe.headers['content-length']);
	if (probe.status !== 200 || !probe.file || !(size > 0)) return serveWhole(serve, req, res, next);

	const range = resolveRange(spec, size);
	if (range === 'unsatisfiable') {
		return void res.writeHead(416, { 'content-range': `bytes */${size}`, 'content-length': '0' }).end();
	}
	const { start, end } = range;
	res.writeHead(206, {
		...probe.headers,
		'content-range': `bytes ${start}-${end}/${size}`,
		'content-length': String(end - start + 1),
		'accept-ranges': 'bytes'
	});
	const stream = fs.createReadStream(probe.file, { start, end });
	// A file gone since start-up, or a client gone mid-way: cut the connection, nothing to log.
	stream.once('error', () => res.destroy());
	res.once('close', () => stream.destroy());
	stream.pipe(res);
}

/** The request without its Range: sirv sends the whole file (its own range code never runs). */
function serveWhole(serve: Serve, req: IncomingMessage, res: ServerResponse, next: () => void): void {
	const range = req.headers.range;
	delete req.headers.range;
	serve(req, res, () => {
		// Not a file: whatever answers next (an endpoint) sees the request as it came.
		req.headers.range = range;
		next();
	});
}

/** What sirv reads of a request, minus Range (its broken path) and Accept-Encoding (the stored file). */
function stripped(req: IncomingMessage): IncomingMessage {
	const headers = { ...req.headers };
	delete headers.range;
	delete headers['accept-encoding'];
	return { url: req.url, method: req.method, headers } as IncomingMessage;
}

/**
 * Stands in for the response while sirv looks the file up: it records the status and headers sirv
 * would send and, from the read stream sirv pipes into it, the file's path; that stream is closed unread.
 */
class Probe extends Writable {
	status = 200;
	statusCode = 200;
	headers: Record<string, string | number | string[]> = {};
	file: string | null = null;

	constructor() {
		super({ write: (_chunk, _encoding, done) => done() });
		this.once('pipe', (source: fs.ReadStream) => {
			source.unpipe(this);
			source.destroy();
			this.file = String(source.path);
		});
	}

	setHeader(name: string, value: string | number | string[]): this {
		this.headers[name.toLowerCase()] = value;
		return this;
	}

	getHeader(name: string): string | number | string[] | undefined {
		return this.headers[name.toLowerCase()];
	}

	writeHead(status: number, headers: Record<string, string | number | string[]> = {}): this {
		this.status = status;
		for (const [name, value] of Object.entries(headers)) this.headers[name.toLowerCase()] = value;
		return this;
	}
}
