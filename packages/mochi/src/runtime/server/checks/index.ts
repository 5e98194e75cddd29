// The safety checks that run on every request Mochi answers at request time, before any app code: before
// the island endpoint, an endpoint, a page, or a page's form actions. One file each, in this order; the
// first that refuses answers. A check must be cheap for a GET: it runs on the hot path.
import type { Answer, IncomingRequest } from '../exchange.js';
import type { Log } from '../log.js';
import { csrfCheck, type CsrfSettings } from './csrf.js';

/** A refusal for `request`, or null to let it through. */
export type Check = (request: IncomingRequest) => Answer | null;

export interface ChecksOptions {
	csrf: CsrfSettings;
	log: Log;
}

/** The checks the app's settings switch on, as one function. */
export function createChecks(options: ChecksOptions): Check {
	const checks = [csrfCheck(options.csrf, options.log)].filter((check): check is Check => check !== null);
	return (request) => {
		for (const check of checks) {
			const refused = check(request);
			if (refused) return refused;
		}
		return null;
	};
}
