import { BODY_DISCARD_LIMIT, MAX_TOKEN_LENGTH, MAX_URL_TOKEN_LENGTH, TOKEN_PARAM } from '../../shared/constants.js';
import type { IncomingRequest } from '../exchange.js';

export type TokenRead =
	| { token: string }
	| { error: 'malformed' | 'too-large'; status: 400 | 413 | 414; message: string; unread?: boolean };

/**
 * The token of an island request: `?p=` on GET/HEAD, the whole body on POST (the browser runtime
 * posts tokens too long for a URL). A body is refused on its Content-Length before any of it is
 * kept, and read with a cap when it has none, so a client can't make the server buffer more than the cap.
 */
export function readToken(request: IncomingRequest): TokenRead | Promise<TokenRead> {
	if (request.method !== 'POST') {
		const token = request.url.searchParams.get(TOKEN_PARAM);
		if (!token) return { error: 'malformed', status: 400, message: `Missing ?${TOKEN_PARAM}= token.` };
		if (token.length > MAX_URL_TOKEN_LENGTH) return { error: 'too-large', status: 414, message: 'Island token too long for a URL.' };
		return { token };
	}
	return readBody(request);
}

async function readBody(request: IncomingRequest): Promise<TokenRead> {
	// The one place the endpoint reads a body: a POST is rare (long tokens), so it goes through the web Request.
	const web = request.request();
	const declared = Number(request.header('content-length') ?? NaN);
	const body = declared > MAX_TOKEN_LENGTH ? null : await readCapped(web, MAX_TOKEN_LENGTH);
	if (body === null) {
		const drained = declared > MAX_TOKEN_LENGTH + BODY_DISCARD_LIMIT ? false : await discard(web, BODY_DISCARD_LIMIT);
		return { error: 'too-large', status: 413, message: 'Island token too large.', unread: !drained };
	}
	if (!body) return { error: 'malformed', status: 400, message: 'Missing token in the request body.' };
	return { token: body };
}

/** The body as text, or null once it passes `limit` bytes (the rest is left in the stream). */
async function readCapped(request: Request, limit: number): Promise<string | null> {
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > limit) return null;
			chunks.push(value);
		}
	} finally {
		reader.releaseLock();
	}
	return Buffer.concat(chunks).toString('latin1');
}

/** Read and drop the rest of the body; true if it ended within `limit` bytes, else stop reading. */
async function discard(request: Request, limit: number): Promise<boolean> {
	if (!request.body) return true;
	const reader = request.body.getReader();
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) return true;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel();
			return false;
		}
	}
}
