/**
 * Responses whose whole body Mochi already holds in memory (pages, islands, refusals). The Node server
 * writes these with one `res.end(body)` and a Content-Length, instead of reading the body back out of
 * the Response's stream chunk by chunk: on a small island fragment that was a large part of the cost.
 * Responses from user endpoints are streamed as usual.
 */
const bodies = new WeakMap<Response, string | Uint8Array>();

export function memoryResponse(body: string | Uint8Array | null, init: ResponseInit): Response {
	const response = new Response(body as BodyInit | null, init);
	if (body !== null) bodies.set(response, body);
	return response;
}

/** The in-memory body of a response made by `memoryResponse`, or undefined. */
export function memoryBody(response: Response): string | Uint8Array | undefined {
	return bodies.get(response);
}
