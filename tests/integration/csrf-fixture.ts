// Shared by the suites on tests/apps/csrf: where it is, what a refusal says, the shapes of a cross-site form.
import path from 'node:path';
import { REPO } from '../helpers/app.js';
import { send } from '../helpers/raw-request.js';

export const CSRF_APP = path.join(REPO, 'tests/apps/csrf');
/** The outside origin the fixture's vite.config.ts trusts. */
export const TRUSTED = 'https://pay.example';

export const UNSAFE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

export const refusal = (method: string) => `Cross-site ${method} form submissions are refused (CSRF protection).`;

const BOUNDARY = 'mochiBoundary7MA4YWxk';

/** Each form content type, plainly and with odd casing, spacing and parameters, with a body that fits it. */
export const FORM_BODIES: Array<{ type: string; body: string }> = [
	{ type: 'application/x-www-form-urlencoded', body: 'x=1' },
	{ type: 'Application/X-WWW-Form-URLEncoded ; Charset=UTF-8', body: 'x=1' },
	{ type: `multipart/form-data; boundary=${BOUNDARY}`, body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--${BOUNDARY}--\r\n` },
	{ type: `MULTIPART/Form-Data;boundary="${BOUNDARY}"`, body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--${BOUNDARY}--\r\n` },
	{ type: 'text/plain', body: 'x=1' },
	{ type: 'TEXT/plain;charset=utf-8\t', body: 'x=1' }
];

/** Where a cross-site request claims to come from, for an app at `base` (http://127.0.0.1:PORT). */
export function crossSiteHeaders(base: string): Array<Record<string, string>> {
	const { port } = new URL(base);
	return [
		{ origin: 'https://evil.example' },
		{ origin: 'null' },
		{ 'sec-fetch-site': 'cross-site' },
		// Same host, another scheme or another port: another origin.
		{ origin: `https://127.0.0.1:${port}` },
		{ origin: `http://127.0.0.1:${Number(port) + 1}` },
		// Looks like the trusted one, isn't.
		{ origin: `${TRUSTED}.evil.example`, 'sec-fetch-site': 'cross-site' }
	];
}

/** Every counter of the fixture (page renders, endpoint calls by method, island renders). */
export async function counts(base: string): Promise<Record<string, number>> {
	const answer = await send(`${base}/api/counter`);
	if (answer.status !== 200) throw new Error(`/api/counter answered ${answer.status}: ${answer.body}`);
	return JSON.parse(answer.body) as Record<string, number>;
}
