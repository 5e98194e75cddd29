import { state } from './state.js';
import { evaluatingModule } from './module-evaluation.js';
import { callerLocation } from './caller-location.js';
import type { Cookies } from './cookies.js';

/** What a request is answered by. `action` is a page's form action (a POST to a page). */
export type RequestKind = 'page' | 'endpoint' | 'action' | 'island';

/** What pages, layouts, islands and endpoints know about the request they serve. */
export interface RequestContext {
	/** What answers this request: a page (404 and error pages included), an endpoint, an action or an island. */
	kind: RequestKind;
	/** The request itself; for an island, the island's own request. */
	request: Request;
	/** The request URL; for an island, the island URL. */
	url: URL;
	/** The URL of the page the visitor is on: for an island, taken from Referer (same origin only); otherwise `url`. */
	pageUrl: URL;
	/** Route parameters (`[slug]`, `[...path]`); empty for islands. */
	params: Record<string, string>;
	cookies: Cookies;
	/** Set response headers of this page, island or endpoint. `set-cookie` goes through `cookies`. */
	setHeaders(headers: Record<string, string>): void;
	/**
	 * The status of the page being rendered, with its own markup (not the error page): `setStatus(404)` for
	 * a missing product the product page renders itself. 200–599 but not 204, 205 or a 3xx (those have no
	 * body or need a location: use `redirect()`). Pages only: an endpoint returns its own Response, and an
	 * island's HTML goes into a page whose status was sent long ago (throw `error()` to fail it).
	 */
	setStatus(status: number): void;
	/** A per-request bag for your own values; what a hook puts here is seen by the page, endpoint or island. */
	locals: Record<string, unknown>;
	/**
	 * The client's IP address: the peer's; with `MOCHI_TRUST_PROXY`, taken from `X-Forwarded-For`, counting
	 * `MOCHI_XFF_DEPTH` (default 1) proxies from the right. Throws while prerendering.
	 */
	readonly clientAddress: string;
	/**
	 * With `mochi({ csp })`: the nonce for the page's own inline tags, `<script nonce={ctx.cspNonce}>` (and
	 * `<style>`), fresh for every on-demand page. On a prerendered page it is a placeholder: when the server
	 * starts, each inline tag carrying it is listed by its sha256 in that page's policy instead, so the
	 * same markup works on both. Undefined without `csp`, in endpoints, and in island requests (a fragment's
	 * scripts never run).
	 */
	readonly cspNonce: string | undefined;
}

/**
 * The context of the request being served. Works across `await` and never leaks between concurrent
 * requests (AsyncLocalStorage). Throws outside a request, for instance at module top level.
 */
export function getRequestContext(): RequestContext {
	const current = state.storage.getStore();
	if (!current) throw outsideRequest();
	return current.context;
}

function outsideRequest(): Error {
	const evaluation = evaluatingModule();
	const where = callerLocation(getRequestContext, evaluation?.mapStack);
	if (evaluation) {
		// A module's top level runs once for every visitor: a value read there would be the first visitor's.
		const module = displayModule(evaluation.module);
		const place = evaluation.bundled
			? `while ${module} (or a module it imports) was being evaluated`
			: !where
				? `while ${module} was being evaluated`
				: where.startsWith(`${module}:`)
					? `at ${where}`
					: `at ${where}, while ${module} was being evaluated`;
		return new Error(
			`getRequestContext() was called ${place}: at module top level or in a component's <script module>, which run once ` +
				'and are shared by every visitor, so there is no request there. Call it in the component\'s <script>, or in a ' +
				'function that runs while a page, layout, island or endpoint is being rendered.'
		);
	}
	return new Error(
		`getRequestContext() was called outside a request${where ? `, at ${where}` : ''}. Call it while a page, layout, island or endpoint is ` +
			'being rendered (in component <script> or an endpoint handler), not at module top level or in a timer.'
	);
}

/** An absolute module path, shortened to the working directory when inside it (as the stack frames are). */
function displayModule(module: string): string {
	const cwd = process.cwd().split('\\').join('/') + '/';
	const file = module.replace(/[?#].*$/s, '').split('\\').join('/');
	return file.startsWith(cwd) ? file.slice(cwd.length) : file;
}
