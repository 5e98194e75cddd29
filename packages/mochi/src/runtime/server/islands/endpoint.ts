import * as devalue from 'devalue';
import { randomBytes } from 'node:crypto';
import type { Component } from 'svelte';
import { verifyToken } from './token.js';
import { fragmentHead, renderHydrated } from './hydrated.js';
import { readToken, type TokenRead } from './read-token.js';
import type { Answer, IncomingRequest } from '../exchange.js';
import { getKey } from './current-key.js';
import type { PublicTokens } from './public-tokens.js';
import { inRequest, state, type AppRuntime } from '../state.js';
import { interpretThrown } from '../thrown.js';
import { createRequestState, pageUrlFromReferer, withContextHeaders, type PreparedRequest } from '../create-context.js';
import { islandRedirect, sameOriginUrl } from './island-redirect.js';
import { firstLine, rateLimited, type Log } from '../log.js';
import { NOSNIFF, REFERRER_POLICY } from '../security-headers.js';
import { TIMED_OUT, ownDeadline } from '../render-timeout.js';
import type { CspPolicy } from '../csp.js';
import {
	HYDRATABLE_HEADER,
	ISLAND_ERROR_HEADER,
	ISLAND_ERROR_STATUS,
	type IslandErrorReason,
	type IslandMode
} from '../../shared/constants.js';

export interface IslandEndpointOptions {
	islands: Record<string, Component<any>>;
	runtime: AppRuntime;
	/** `{assetPrefix}/island/` */
	path: string;
	/** Tokens of the prerendered pages, whose verdict is known (see public-tokens.ts). */
	publicTokens: PublicTokens;
	log: Log;
	/** `mochi({ csp })`: a fragment carries the policy as configured (see `renderIsland`). */
	csp?: CspPolicy | null;
}

const REFUSAL_BODY: Partial<Record<IslandErrorReason, string>> = {
	signature: 'Bad signature.',
	expired: 'Island token expired: reload the page.',
	'too-large': 'Island token too large.',
	malformed: 'Malformed token.'
};

/**
 * `GET {assetPrefix}/island/{Name}?p=TOKEN` — checks, in this order: method, name, token, then
 * renders the island in its own request context. Every refusal is a 4xx with a short body, its
 * reason in `x-mochi-island-error` and one rate-limited log line, and never runs the component.
 */
export function createIslandEndpoint(options: IslandEndpointOptions) {
	const logRefusal = rateLimited(options.log);
	// An island that throws on every request must not flood the log either: per island, rate-limited.
	const logFailure = rateLimited(options.log);

	function refuse(reason: IslandErrorReason, name: string, message: string, status = ISLAND_ERROR_STATUS[reason], detail?: string, unread = false) {
		const why = detail ? ` (${detail})` : '';
		logRefusal(reason, `[mochi] island ${JSON.stringify(name).slice(0, 80)}: ${status} ${reason}${why}`);
		return islandError(reason, message, status, unread);
	}

	function islandError(reason: IslandErrorReason, message: string, status: number, unread = false): Answer {
		const headers: Record<string, string> = {
			'content-type': 'text/plain; charset=utf-8',
			'x-content-type-options': NOSNIFF,
			'referrer-policy': REFERRER_POLICY,
			'cache-control': 'no-store',
			'x-robots-tag': 'noindex',
			[ISLAND_ERROR_HEADER]: reason
		};
		if (reason === 'method') headers.allow = 'GET, HEAD, POST';
		// Refused with part of its body still unread: that socket can't carry another request, so it closes.
		if (unread) headers.connection = 'close';
		return { status, headers, cookies: [], body: message };
	}

	/**
	 * What a value thrown while serving an island becomes. An island has no error page: the status and a
	 * marker go back, the reason to the log. A redirect never becomes a 30x (fetch would follow it and
	 * swap the target's HTML in): the runtime is told where to send the page, if it is this origin.
	 */
	function failed(name: string, error: unknown, prepared: PreparedRequest): Answer {
		const thrown = interpretThrown(error, options.runtime.dev);
		if (thrown.type === 'redirect') {
			const url = sameOriginUrl(thrown.location, prepared.state.context.pageUrl);
			if (url) return islandRedirect(url, prepared.setCookieHeaders());
			logFailure(
				`redirect ${name}`,
				`[mochi] island ${name}: redirect(${thrown.status}, ${JSON.stringify(thrown.location.slice(0, 200))}) refused: ` +
					'an island can only send the page to its own origin'
			);
			return islandError('render', '<!--mochi:island-error-->', 500);
		}
		const stack = options.runtime.dev && thrown.type === 'crash' ? `\n${(error as Error)?.stack ?? error}` : '';
		logFailure(`render ${name}`, `[mochi] island ${name} failed to render (${thrown.status}): ${firstLine(error)}${stack}`);
		return islandError('render', '<!--mochi:island-error-->', thrown.status);
	}

	/** `prepared`: the request state a hook already runs in (its `locals`); made for the render otherwise. */
	async function answerIsland(request: IncomingRequest, prepared?: PreparedRequest): Promise<Answer> {
		const { url } = request;
		const raw = url.pathname.slice(options.path.length);
		if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'POST') {
			return refuse('method', raw, 'Island requests use GET (or POST for long tokens).');
		}
		let name: string;
		try {
			name = decodeURIComponent(raw);
		} catch {
			return refuse('unknown-island', raw, 'Unknown island.');
		}
		const component = Object.hasOwn(options.islands, name) ? options.islands[name] : undefined;
		if (!component) return refuse('unknown-island', name, 'Unknown island.');

		let read: TokenRead | Promise<TokenRead>;
		try {
			// A GET's token is in the URL: read without a promise, as the hot path is a GET.
			read = readToken(request);
			if (read instanceof Promise) read = await read;
		} catch {
			// The client went away or sent a broken body mid-read: its fault, not a server error.
			return refuse('malformed', name, 'Unreadable request body.');
		}
		if ('error' in read) return refuse(read.error, name, read.message, read.status, undefined, read.unread);

		const keys = getKey();
		const verified =
			options.publicTokens.get(keys, name, read.token) ?? verifyToken(keys, name, read.token, { maxAge: options.runtime.islandMaxAge });
		if (!verified.ok) {
			// A token of acceptable length that inflates past the cap is too large too: 413 either way.
			const status = verified.reason === 'too-large' ? 413 : ISLAND_ERROR_STATUS[verified.reason];
			return refuse(verified.reason, name, REFUSAL_BODY[verified.reason] ?? 'Refused.', status, verified.detail);
		}
		// Signed by us but not props we could have signed (another version's devalue, a key holder's
		// mistake): still the client's request to refuse, never a 500.
		const props = parseProps(verified.payload);
		if (!props) return refuse('malformed', name, 'Malformed token payload.', undefined, 'props do not parse');
		return renderIsland({ name, component, props, payload: verified.payload, mode: verified.mode, request, prepared });
	}

	/** A value a hook threw for an island request: answered as if the island had thrown it. */
	function thrownByHook(request: IncomingRequest, error: unknown, prepared: PreparedRequest): Answer {
		const raw = request.url.pathname.slice(options.path.length);
		let name = raw;
		try {
			name = decodeURIComponent(raw);
		} catch {
			// the name is only for the log line
		}
		return failed(name, error, prepared);
	}

	async function renderIsland(island: IslandRender): Promise<Answer> {
		const { name, component, props, payload, mode, request } = island;
		const prepared = island.prepared ?? createIslandState(request, options.runtime);
		let html: string | typeof TIMED_OUT;
		// A hydrate-mode token (the mode is covered by its MAC) answers with a client island, which the browser
		// hydrates once swapped in; its props block and its hydratable() data live inside the fragment. The
		// data block carries a random token, sent again in a header: the runtime keeps only blocks that match,
		// and no markup rendered into this fragment (an island's `{@html}`) can know it beforehand.
		const dataToken = mode === 'hydrate' ? randomBytes(16).toString('base64url') : undefined;
		try {
			const rendering = inRequest(prepared.state, async () => {
				if (dataToken) {
					const island = await renderHydrated(options.runtime, {
						name,
						component,
						props,
						payload,
						registry: prepared.state.props,
						trigger: 'load',
						nonce: dataToken
					});
					return fragmentHead(island.head, dataToken) + island.body;
				}
				const rendered = await options.runtime.render(component, { props });
				// Dev: components carry their own <style>, which the fragment brings along. A deferred island's
				// <svelte:head> has no page head to go to: the page was sent before the island was asked for.
				return fragmentHead(rendered.head) + rendered.body;
			});
			const deadline = ownDeadline(options.runtime, prepared);
			html = deadline ? await deadline(rendering, request) : await rendering;
		} catch (error) {
			return failed(name, error, prepared);
		}
		// Logged by the deadline; the browser keeps the fallback, and does not ask again (island-element.ts).
		if (html === TIMED_OUT) return timedOut();
		// Keep ISLAND_ANSWER_HEADERS (below) in step with the names set here.
		const base = {
			'content-type': 'text/html; charset=utf-8',
			'x-content-type-options': NOSNIFF,
			'referrer-policy': REFERRER_POLICY,
			'x-robots-tag': 'noindex'
		};
		const headers = withContextHeaders(base, prepared);
		// A fragment is personal: never cached unless the island says otherwise with setHeaders.
		headers['cache-control'] ??= 'private, no-store';
		if (dataToken) headers[HYDRATABLE_HEADER] = dataToken;
		// The page's policy governs a fragment swapped into it. This one is for a fragment opened as a page
		// of its own (a link to the island URL): the app's policy, no nonce or hash, so nothing inline runs.
		if (options.csp) headers[options.csp.name] = options.csp.base;
		return { status: 200, headers, cookies: prepared.setCookieHeaders(), body: html };
	}

	function timedOut(): Answer {
		return islandError('timeout', '<!--mochi:island-error-->', ISLAND_ERROR_STATUS.timeout);
	}

	return { answer: answerIsland, thrown: thrownByHook, timedOut };
}

/**
 * Every header a 200 island answer gets from the endpoint itself (`renderIsland` above), whatever the app does: a
 * streamed island needs none of them (stream-page.ts). Any other header in an answer was set by the app.
 */
export const ISLAND_ANSWER_HEADERS: ReadonlySet<string> = new Set([
	'content-type',
	'x-content-type-options',
	'referrer-policy',
	'x-robots-tag',
	'cache-control',
	'content-length',
	HYDRATABLE_HEADER,
	'content-security-policy',
	'content-security-policy-report-only'
]);

interface IslandRender {
	name: string;
	component: Component<any>;
	props: Record<string, unknown>;
	payload: string;
	mode: IslandMode;
	request: IncomingRequest;
	prepared: PreparedRequest | undefined;
}

/** An island's request state: its own URL, the page's from a same-origin Referer, the visitor's cookies. */
export function createIslandState(request: IncomingRequest, app: AppRuntime): PreparedRequest {
	return createRequestState({ request, kind: 'island', pageUrl: () => pageUrlFromReferer(request.header('referer'), request.url), app });
}

/** The props object of a verified payload, or null when it is not one. */
function parseProps(payload: string): Record<string, unknown> | null {
	let props: unknown;
	try {
		props = devalue.parse(payload);
	} catch {
		return null;
	}
	return typeof props === 'object' && props !== null && !Array.isArray(props) ? (props as Record<string, unknown>) : null;
}
