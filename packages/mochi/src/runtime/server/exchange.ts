// What the app reads from a request and what it answers, without web Request/Response. The production
// server (node/exchange.ts) fills these straight from Node's objects: building a web Request and
// Response cost an island request more than its HMAC and its render together, and a page a sixth of
// its CPU (bench/README.md). The dev server, the build and tests speak web objects and adapt here.
// A hook (hooks.ts) sees an Answer as a MemoryResponse (memory-response.ts), a web Response that builds
// nothing until read, and an untouched one goes back to its Answer.
import { MemoryResponse } from './memory-response.js';
import { NOSNIFF, REFERRER_POLICY } from './security-headers.js';

export interface IncomingRequest {
	method: string;
	/** The request URL, absolute. */
	url: URL;
	/** A request header by lower-case name; null when absent. */
	header(name: string): string | null;
	/** The client's IP (DESIGN.md §6): the peer's, or with MOCHI_TRUST_PROXY from X-Forwarded-For. */
	clientAddress(): string;
	/**
	 * The web Request, made on first use only: for an endpoint, a POST body, or a component that reads
	 * `getRequestContext().request`. Returns the same object every time.
	 */
	request(): Request;
	/**
	 * The server gave up on answering it (the render timeout): `request().signal` aborts with `reason`, now or
	 * when it is first read, so work that passed the signal on (a fetch, a database query) stops.
	 */
	abandon?(reason: Error): void;
}

/** A response Mochi rendered in memory (a page, an island, a refusal). */
export interface Answer {
	status: number;
	/** Lower-case names, one value each; `set-cookie` is never here. */
	headers: Record<string, string>;
	/** One `set-cookie` header each. */
	cookies: string[];
	body: string;
}

/** A short plain-text answer (a 404, a 405, a failed endpoint). */
export function textAnswer(status: number, body: string, headers: Record<string, string> = {}): Answer {
	const all = { 'x-content-type-options': NOSNIFF, 'referrer-policy': REFERRER_POLICY, ...headers, 'content-type': 'text/plain; charset=utf-8' };
	return { status, headers: all, cookies: [], body };
}

/** `clientAddress`: what the dev server or a test knows of the peer; unknown by default (reading it throws). */
export function fromWebRequest(request: Request, url = new URL(request.url), clientAddress: () => string = unknownAddress): IncomingRequest {
	return { method: request.method, url, header: (name) => request.headers.get(name), clientAddress, request: () => request };
}

function unknownAddress(): never {
	throw new Error('ctx.clientAddress is not known for this request: nothing said which client sent it.');
}

/** Endpoints answer with their own Response; everything else Mochi renders is an Answer. */
export function toWebResponse(answer: Answer | Response): Response {
	return answer instanceof Response ? answer : new MemoryResponse(answer);
}

/** A web Response read back into an Answer (its whole body): for a page a hook answered on its own at prerender time. */
export async function fromWebResponse(response: Response): Promise<Answer> {
	const headers: Record<string, string> = {};
	for (const [name, value] of response.headers) if (name !== 'set-cookie') headers[name] = value;
	return { status: response.status, headers, cookies: response.headers.getSetCookie(), body: await response.text() };
}
