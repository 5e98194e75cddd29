// The body of a test request: a form, JSON or raw bytes, encoded as a browser or `fetch` would send them,
// so `ctx.request.formData()` / `.json()` / `.text()` read in a test what they read in the app.

export interface TestBody {
	method?: string;
	form?: Record<string, string | string[]> | FormData | URLSearchParams;
	json?: unknown;
	body?: string | Blob | ArrayBuffer | Uint8Array | FormData | URLSearchParams;
}

/** The method and body for `new Request()`; sets `content-type` for a form or JSON unless the test gave one. */
export function requestBody(request: TestBody, headers: Headers): { method: string; body: BodyInit | undefined } {
	const given = (['form', 'json', 'body'] as const).filter((key) => request[key] !== undefined);
	if (given.length > 1) throw new TypeError(`TestRequest: give one of form, json and body, not ${given.join(' and ')}.`);
	const method = (request.method ?? (given.length ? 'POST' : 'GET')).toUpperCase();
	if (!given.length) return { method, body: undefined };
	if (method === 'GET' || method === 'HEAD') {
		throw new TypeError(`TestRequest: a ${method} request has no body; drop ${given[0]} or use method: 'POST'.`);
	}
	if (request.json !== undefined) {
		const text = JSON.stringify(request.json);
		if (text === undefined) throw new TypeError('TestRequest: json must be a value JSON.stringify can write (not a function or a symbol).');
		if (!headers.has('content-type')) headers.set('content-type', 'application/json');
		return { method, body: text };
	}
	if (request.form !== undefined) return { method, body: formBody(request.form) };
	return { method, body: request.body as BodyInit };
}

/** A plain object becomes `application/x-www-form-urlencoded` (an array is a repeated field, as `<select multiple>`). */
function formBody(form: NonNullable<TestBody['form']>): FormData | URLSearchParams {
	if (form instanceof FormData || form instanceof URLSearchParams) return form;
	const params = new URLSearchParams();
	for (const [name, value] of Object.entries(form)) {
		for (const each of Array.isArray(value) ? value : [value]) params.append(name, String(each));
	}
	return params;
}
