// The body of a web Request built from Node's request (request.ts): read on demand, capped at
// `server.bodyLimit`, and with readers whose failures are the client's. A garbage JSON body, a form
// that isn't one, a body over the limit or a client that hangs up mid-upload reject with an HttpError
// (400, 415, 413), which Mochi answers with its status and message and does not log, whether the
// endpoint reads `request.json()`, `.formData()`, `.text()` or `request.body` itself, and without a
// try/catch of its own.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from '../runtime/server/http-error.js';

/**
 * How much of a body past the limit is read and dropped before the 413 goes out: a client still
 * sending when the server answers and closes gets a broken pipe instead of the answer ("lingering
 * close"). Past this, the server stops reading and closes the connection after answering.
 */
const DISCARD_LIMIT = 1024 * 1024;

/**
 * Pull-based, so a slow consumer pauses the socket instead of buffering the upload in memory.
 * `limit` is in bytes (false: none); `res` learns to close the connection when a body is left unread.
 */
export function requestBody(req: IncomingMessage, limit: number | false, res?: ServerResponse): ReadableStream<Uint8Array> {
	// Once true, nothing more is enqueued: the stream has closed, been cancelled, or is being refused.
	let done = false;
	let size = 0;
	let refusal: HttpError | undefined;
	return new ReadableStream<Uint8Array>({
		start(controller) {
			// `error` on a stream that has ended already is a no-op (`close` and `enqueue` would throw).
			const fail = (error: HttpError) => ((done = true), controller.error(error));
			const tooLarge = () => {
				done = true;
				refusal = new HttpError(413, `The request body is larger than the limit of ${limit} bytes.`);
				if (Number(req.headers['content-length']) > size + DISCARD_LIMIT) return closeUnread(req, res), fail(refusal);
				// Drop the rest, up to DISCARD_LIMIT, then refuse: the connection stays usable.
				let dropped = 0;
				req.on('data', (chunk: Buffer) => {
					dropped += chunk.byteLength;
					if (dropped > DISCARD_LIMIT) closeUnread(req, res), fail(refusal!);
				});
				req.once('end', () => fail(refusal!));
				req.resume();
			};
			// The client went away mid-body (Node's only error on a request, "aborted"): not a server failure.
			const gone = () => fail(refusal ?? new HttpError(400, 'The client closed the connection before sending the whole body.'));

			req.once('error', gone);
			req.once('close', () => req.complete || gone());
			if (limit !== false && Number(req.headers['content-length']) > limit) return tooLarge();
			// Paused before listening, or adding `data` would switch the stream to flowing.
			req.pause();
			req.on('data', (chunk: Buffer) => {
				if (done) return;
				size += chunk.byteLength;
				if (limit !== false && size > limit) return tooLarge();
				controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
				if ((controller.desiredSize ?? 0) <= 0) req.pause();
			});
			req.once('end', () => done || ((done = true), controller.close()));
		},
		pull() {
			req.resume();
		},
		cancel() {
			// Drain the rest so a keep-alive connection stays usable.
			done = true;
			req.resume();
		}
	});
}

/** Stop reading a body left unread: the answer closes the connection, as it can carry no other request. */
function closeUnread(req: IncomingMessage, res: ServerResponse | undefined): void {
	req.pause();
	if (res && !res.headersSent) res.setHeader('connection', 'close');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const FORM_TYPE = /^\s*(?:multipart\/form-data|application\/x-www-form-urlencoded)\s*(?:;|$)/i;

/**
 * `json()` and `formData()` that reject with an HttpError when the body is not what they parse.
 * JSON must be UTF-8 (RFC 8259 §8.1): invalid bytes are refused rather than replaced with U+FFFD, which
 * would store a different string than the client sent. The other readers fail only as the stream does.
 */
export function guardBodyReaders(request: Request): void {
	Object.defineProperties(request, {
		json: { configurable: true, value: () => readJson(request) },
		formData: { configurable: true, value: () => readForm(request) }
	});
}

async function readJson(request: Request): Promise<unknown> {
	const bytes = await request.arrayBuffer();
	let text: string;
	try {
		text = utf8.decode(bytes);
	} catch {
		throw new HttpError(400, 'The request body is not valid UTF-8 (JSON must be).');
	}
	try {
		return JSON.parse(text);
	} catch {
		// V8's message quotes the body: not echoed back.
		throw new HttpError(400, 'The request body is not valid JSON.');
	}
}

async function readForm(request: Request): Promise<FormData> {
	if (!FORM_TYPE.test(request.headers.get('content-type') ?? '')) {
		throw new HttpError(415, 'Expected a form body (multipart/form-data or application/x-www-form-urlencoded).');
	}
	try {
		return await Request.prototype.formData.call(request);
	} catch (error) {
		if (error instanceof HttpError) throw error;
		throw new HttpError(400, 'The request body is not a well-formed form.');
	}
}
