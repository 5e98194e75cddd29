import { MAX_TOKEN_LENGTH, MAX_URL_TOKEN_LENGTH, TOKEN_PARAM } from '../../shared/constants.js';

export type TokenRead = { token: string } | { error: 'malformed' | 'too-large'; status: 400 | 413 | 414; message: string };

/**
 * The token of an island request: `?p=` on GET/HEAD, the whole body on POST (the browser runtime
 * posts tokens too long for a URL). A body is refused on its Content-Length before any byte is read,
 * and read with a cap when it has none, so a client can't make the server buffer more than the cap.
 */
export async function readToken(request: Request, url: URL): Promise<TokenRead> {
	if (request.method !== 'POST') {
		const token = url.searchParams.get(TOKEN_PARAM);
		if (!token) return { error: 'malformed', status: 400, message: `Missing ?${TOKEN_PARAM}= token.` };
		if (token.length > MAX_URL_TOKEN_LENGTH) return { error: 'too-large', status: 414, message: 'Island token too long for a URL.' };
		return { token };
	}
	const tooLarge = { error: 'too-large', status: 413, message: 'Island token too large.' } as const;
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (declared > MAX_TOKEN_LENGTH) return tooLarge;
	const body = await readCapped(request, MAX_TOKEN_LENGTH);
	if (body === null) return tooLarge;
	if (!body) return { error: 'malformed', status: 400, message: 'Missing token in the request body.' };
	return { token: body };
}

/** The body as text, or null once it passes `limit` bytes (the rest is never read). */
async function readCapped(request: Request, limit: number): Promise<string | null> {
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel();
			return null;
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks).toString('latin1');
}
