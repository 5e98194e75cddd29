/**
 * A web Response over an Answer whose whole body Mochi holds in memory (a page, an island, a refusal):
 * what a hook's `resolve()` gives, and what the dev server writes. On Node 20, `new Response(string)`
 * costs ~20 µs, most of it the body stream; this one costs ~0.4 µs, because its headers and its body
 * stream are made only if something reads them. Every body accessor is overridden and agrees with the
 * others (read once; `bodyUsed` after), so it behaves as any Response would.
 *
 * When the Response comes back untouched in body (headers may have changed), `toAnswer()` turns it back
 * into an Answer, which the Node server writes with one `res.end` (node/exchange.ts). A Response built
 * from it (`new Response(response.body, response)`) is an ordinary Response, streamed as usual.
 */
import type { Answer } from './exchange.js';

const encoder = new TextEncoder();

export class MemoryResponse extends Response {
	#answer: Answer;
	#headers: Headers | undefined;
	#stream: ReadableStream<Uint8Array<ArrayBuffer>> | undefined;
	#used = false;

	constructor(answer: Answer) {
		// The status is the base class's (checked there, and read-only as on any Response); the rest is ours.
		super(null, { status: answer.status });
		this.#answer = answer;
	}

	override get headers(): Headers {
		if (this.#headers) return this.#headers;
		const headers = new Headers(this.#answer.headers);
		for (const cookie of this.#answer.cookies) headers.append('set-cookie', cookie);
		return (this.#headers = headers);
	}

	override get body(): ReadableStream<Uint8Array<ArrayBuffer>> {
		// highWaterMark 0: nothing is pulled until someone reads, so getting the stream doesn't use the body.
		this.#stream ??= new ReadableStream<Uint8Array<ArrayBuffer>>(
			{
				pull: (controller) => {
					if (this.#used) return controller.error(new TypeError('Body is unusable: Body has already been read'));
					this.#used = true;
					controller.enqueue(encoder.encode(this.#answer.body));
					controller.close();
				},
				cancel: () => void (this.#used = true)
			},
			{ highWaterMark: 0 }
		);
		return this.#stream;
	}

	override get bodyUsed(): boolean {
		return this.#used;
	}

	override async text(): Promise<string> {
		return this.#take();
	}

	override async json(): Promise<any> {
		return JSON.parse(this.#take());
	}

	override async arrayBuffer(): Promise<ArrayBuffer> {
		return encoder.encode(this.#take()).buffer;
	}

	// Node 22 adds Response.bytes(); on Node 20 it is simply ours.
	override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
		return encoder.encode(this.#take());
	}

	override async blob(): Promise<Blob> {
		const type = this.headers.get('content-type') ?? '';
		return new Blob([this.#take()], { type });
	}

	override async formData(): Promise<FormData> {
		return new Response(this.#take(), { headers: this.headers }).formData();
	}

	override clone(): MemoryResponse {
		if (this.#used || this.#stream?.locked) throw new TypeError('Response.clone: Body has already been consumed.');
		const answer = this.toAnswer();
		// Copies: a hook may add late headers and cookies to one answer, and they must not reach the other.
		return new MemoryResponse({ ...answer, headers: { ...answer.headers }, cookies: [...answer.cookies] });
	}

	/** The Answer this Response stands for, with its headers as they are now. Only while the body is unread. */
	toAnswer(): Answer {
		const headers = this.#headers;
		if (!headers) return this.#answer;
		const record: Record<string, string> = {};
		for (const [name, value] of headers) if (name !== 'set-cookie') record[name] = value;
		return { status: this.status, headers: record, cookies: headers.getSetCookie(), body: this.#answer.body };
	}

	#take(): string {
		if (this.#used || this.#stream?.locked) throw new TypeError('Body is unusable: Body has already been read');
		this.#used = true;
		return this.#answer.body;
	}
}

/** The in-memory body of a MemoryResponse nobody has read, or undefined (write the stream then). */
export function memoryBody(response: Response): string | undefined {
	return response instanceof MemoryResponse && !response.bodyUsed && !response.body.locked ? response.toAnswer().body : undefined;
}
