// `redirect(status, location)`: thrown, like `error()`, from a hook, page, layout or endpoint (and
// read by runtime/server/thrown.ts). Nothing here imports Node: the browser entry exports it too.

export type RedirectStatus = 301 | 302 | 303 | 307 | 308;

const STATUSES: ReadonlySet<unknown> = new Set([301, 302, 303, 307, 308]);
// Any C0 control (CR and LF split a header; NUL and the rest have no business in a URL) and DEL.
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Thrown by `redirect()`. Not an Error: it is an answer, not a failure, and needs no stack. */
export class Redirect {
	constructor(
		readonly status: RedirectStatus,
		readonly location: string
	) {}
}

/**
 * Stop and send the visitor elsewhere: `redirect(303, '/login')`. Works in hooks, pages, layouts and
 * endpoints; while serving a server island, the visitor's page goes there (same origin only).
 *
 * ```ts
 * redirect(303, '/login');     // throws: a 303 with `location: /login`, cookies set so far kept
 * redirect(200, '/');          // TypeError: status must be 301, 302, 303, 307 or 308
 * redirect(303, '/a\r\nx: y'); // TypeError: the location contains a control character (U+000D at 2)
 * ```
 */
export function redirect(status: RedirectStatus, location: string | URL): never {
	if (!STATUSES.has(status)) {
		throw new TypeError(`redirect(status, location): status must be 301, 302, 303, 307 or 308, got ${describe(status)}`);
	}
	throw new Redirect(status, checkLocation(location));
}

/** The location as it can go into a header, or a TypeError that names what is wrong with it. */
function checkLocation(location: unknown): string {
	const text = location instanceof URL ? location.href : location;
	if (typeof text !== 'string' || text === '') {
		throw new TypeError(`redirect(status, location): location must be a non-empty string or a URL, got ${describe(location)}`);
	}
	const control = CONTROL.exec(text);
	if (control) {
		const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
		throw new TypeError(
			`redirect(status, location): the location contains a control character (U+${code} at ${control.index}), ` +
				`which can't go into a header: ${JSON.stringify(text.slice(0, 80))}`
		);
	}
	// A header carries bytes: other characters are sent percent-encoded (UTF-8), as a browser would.
	try {
		return text.replace(/[^\u0020-\u007e]+/g, encodeURI);
	} catch {
		throw new TypeError(`redirect(status, location): the location is not well-formed Unicode (a lone surrogate): ${JSON.stringify(text.slice(0, 80))}`);
	}
}

function describe(value: unknown): string {
	return typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : String(value);
}
