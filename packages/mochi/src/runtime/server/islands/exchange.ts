// What the island endpoint reads from a request and what it answers, without web Request/Response.
// The production server (node/island-exchange.ts) fills these straight from Node's objects: building
// a web Request and Response cost an island request more than its HMAC and its render together
// (bench/README.md). Anything that does speak web objects (the dev server, tests) adapts here.
import { memoryResponse } from '../memory-response.js';

export interface IslandRequest {
	method: string;
	/** The island URL, absolute. */
	url: URL;
	/** A request header by lower-case name; null when absent. */
	header(name: string): string | null;
	/**
	 * The web Request, made on first use only: to read a POST body, or when a component reads
	 * `getRequestContext().request`. Returns the same object every time.
	 */
	request(): Request;
}

export interface IslandAnswer {
	status: number;
	/** Lower-case names, one value each; `set-cookie` is never here. */
	headers: Record<string, string>;
	/** One `set-cookie` header each. */
	cookies: string[];
	body: string;
}

export function webIslandRequest(request: Request, url: URL): IslandRequest {
	return { method: request.method, url, header: (name) => request.headers.get(name), request: () => request };
}

export function webIslandResponse(answer: IslandAnswer): Response {
	const headers = new Headers(answer.headers);
	for (const cookie of answer.cookies) headers.append('set-cookie', cookie);
	return memoryResponse(answer.body, { status: answer.status, headers });
}
