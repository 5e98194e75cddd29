// `json(data, init?)` for endpoints. Nothing here imports Node: the browser entry exports it too.

/**
 * A JSON Response: `content-type: application/json` unless `init.headers` gives one, status 200 unless
 * `init.status` says otherwise. What `JSON.stringify` can't turn into JSON is a TypeError here, in the
 * endpoint, rather than a body that says `undefined`.
 *
 * ```ts
 * export const GET = () => json({ ok: true });               // 200 {"ok":true}
 * export const POST = () => json({ id: 7 }, { status: 201 }); // 201 {"id":7}
 * json({ n: 1n });                                           // TypeError: json(data): … BigInt …
 * ```
 */
export function json(data: unknown, init: ResponseInit = {}): Response {
	let body: string | undefined;
	try {
		body = JSON.stringify(data);
	} catch (error) {
		// A cycle, a BigInt, or a toJSON() that throws.
		throw new TypeError(`json(data): data can't be serialized as JSON: ${(error as Error)?.message ?? error}`, { cause: error });
	}
	if (body === undefined) {
		throw new TypeError(`json(data): ${describe(data)} is not JSON (JSON.stringify returns undefined for it)`);
	}
	const headers = new Headers(init.headers);
	if (!headers.has('content-type')) headers.set('content-type', 'application/json');
	return new Response(body, { ...init, headers });
}

function describe(value: unknown): string {
	return value === undefined ? 'undefined' : typeof value === 'function' ? 'a function' : typeof value;
}
