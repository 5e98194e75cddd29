// What a value thrown while answering a request means. Pages, endpoints, islands and hooks each turn
// it into their own kind of answer (an error page, a short text, an island marker), but what it means
// is decided here, once: `redirect()` sends the visitor elsewhere, `error(status, message)` is an
// expected refusal, anything else a crash (a 500 whose message is only shown in dev).
import { HttpError } from './http-error.js';
import { Redirect, type RedirectStatus } from './redirect.js';
import { firstLine } from './log.js';
import type { Answer } from './exchange.js';
import { NOSNIFF, REFERRER_POLICY } from './security-headers.js';

export type Thrown =
	/** `redirect(303, '/login')`: the location was checked when it was thrown (no control characters). */
	| { type: 'redirect'; status: RedirectStatus; location: string }
	/** `error(404, 'No such product')`: shown as it is, not reported. */
	| { type: 'http'; status: number; message: string }
	/** Anything else: reported (`onError`), a 500 whose message is the error's first line in dev only. */
	| { type: 'crash'; status: 500; message: string; error: unknown };

export function interpretThrown(error: unknown, dev: boolean): Thrown {
	if (error instanceof Redirect) return { type: 'redirect', status: error.status, location: error.location };
	if (error instanceof HttpError) return { type: 'http', status: error.status, message: error.message };
	return { type: 'crash', status: 500, message: dev ? firstLine(error) : 'Internal Error', error };
}

/** A page's or endpoint's redirect: the cookies set before it are kept (a sign-in sets one, then redirects). */
export function redirectAnswer(status: number, location: string, cookies: string[]): Answer {
	return { status, headers: { location, 'x-content-type-options': NOSNIFF, 'referrer-policy': REFERRER_POLICY }, cookies, body: '' };
}
