// Files on disk: built client assets and the app's copied `static/` folder, served by sirv.
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import sirv from 'sirv';
import { serveRange } from './range-request.js';

export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

export type FileHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Returns a middleware that serves `dir` or calls `next`. sirv reads the whole file table once here, so each
 * request is a map lookup. Under `immutablePrefix` names are content-hashed: exact names only, cached forever.
 */
export function staticFiles(dir: string, immutablePrefix?: string): FileHandler | undefined {
	// A build without static files or client assets has no folder; that is not an error.
	if (!existsSync(dir)) return undefined;
	// setHeaders runs only once a file matched, right before sirv pipes it into the response.
	const shared = { dev: false, etag: true, gzip: true, brotli: true, setHeaders: closeFileWithResponse } as const;

	// Default extensions, so a prerendered `about.html` answers `/about`.
	const files = sirv(dir, shared);
	const assets = immutablePrefix
		? sirv(dir, {
				...shared,
				extensions: [],
				setHeaders: (res) => {
					closeFileWithResponse(res);
					res.setHeader('cache-control', IMMUTABLE_CACHE_CONTROL);
				}
			})
		: undefined;

	return (req, res, next) => {
		// A POST to a file's path belongs to the app, not to the file.
		if (req.method !== 'GET' && req.method !== 'HEAD') return next();
		const serve = assets && req.url?.startsWith(immutablePrefix!) ? assets : files;
		// sirv's own Range handling is wrong in several ways (see range-request.ts): every Range goes there.
		if (req.headers.range !== undefined) return serveRange(serve, req, res, next);
		serve(req, res, next);
	};
}

/**
 * sirv pipes a file stream into the response, and a pipe leaves its source open when the destination closes
 * first: every client that goes away mid-file (or is cut off as a slow reader) would leak a file descriptor.
 */
function closeFileWithResponse(res: ServerResponse): void {
	res.once('pipe', (file: Readable) => res.once('close', () => file.destroy()));
}
