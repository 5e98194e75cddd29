// Streaming (DESIGN.md §8): an on-demand page no shared cache may store goes out as soon as it has rendered,
// and its eager deferred islands render at the same time, each written into the same response as it is done:
// `<template>HTML</template><mochi-stream for="SLOT">`, which runtime/client/stream.ts swaps in. The template's
// tail (`</body></html>`) waits for the last island.
//
// Each island is answered by the island endpoint itself, hooks included, for a request made as the browser would
// have made it (islands/streamed-request.ts): what it can do is what it could do when fetched. What a fragment
// in a page cannot carry (a cookie, a header) makes the runtime fetch that island instead, and from then on it is
// fetched without being streamed (`AppRuntime.stream.fetched`).
import type { Answer, IncomingRequest } from './exchange.js';
import { fromWebResponse } from './exchange.js';
import type { PreparedRequest } from './create-context.js';
import type { AppRuntime, StreamSlot } from './state.js';
import { escapeHtml } from './escape.js';
import { firstLine, type Log } from './log.js';
import { pickEncoding } from './prerendered.js';
import { textSink, type StreamEncoding, type TextSink } from './stream-sink.js';
import { streamedIslandRequest } from './islands/streamed-request.js';
import { ISLAND_ANSWER_HEADERS } from './islands/endpoint.js';
import { islandHref } from './islands/island-attributes.js';
import {
	HYDRATABLE_HEADER,
	ISLAND_ERROR_HEADER,
	ISLAND_ERROR_STATUS,
	ISLAND_LOCATION_HEADER,
	STREAM_ATTRIBUTE,
	TOKEN_ATTRIBUTE
} from '../shared/constants.js';
import { STREAM_TAG } from '../shared/stream-constants.js';

/** A slot whose shell is in the page's markup, with its number. */
export interface PlacedSlot extends StreamSlot {
	slot: number;
}

/** Neither `public` nor `s-maxage`: no shared cache may keep this response, so it may carry personal islands. */
export function sharedCacheable(cacheControl: string | null | undefined): boolean {
	return !!cacheControl && /(?:^|[\s,])(?:public|s-maxage)\b/i.test(cacheControl);
}

function slotAttributes(slot: PlacedSlot): string {
	return `${TOKEN_ATTRIBUTE}="${slot.token}" ${STREAM_ATTRIBUTE}="${slot.slot}"`;
}

/** The shells' stream attributes taken off again: the page fetches every island, as in DESIGN.md §3. */
export function unstreamed(body: string, slots: PlacedSlot[]): string {
	for (const slot of slots) body = body.replace(slotAttributes(slot), `${TOKEN_ATTRIBUTE}="${slot.token}"`);
	return body;
}

/**
 * After the page's own markup rendered: which of its slots stream. None when its headers let a shared cache keep
 * it; then the body comes back without its stream attributes. An island the page rendered and then lost (the page
 * threw after it, say) has no shell in the body, and no slot.
 */
export function planStream(prepared: PreparedRequest, body: string): { body: string; slots: PlacedSlot[] } {
	const given = prepared.state.stream;
	if (!given?.length) return { body, slots: [] };
	const placed: PlacedSlot[] = [];
	given.forEach((slot, i) => {
		const withSlot = { ...slot, slot: i };
		if (body.includes(slotAttributes(withSlot))) placed.push(withSlot);
	});
	if (!sharedCacheable(prepared.headers?.get('cache-control'))) return { body, slots: placed };
	return { body: unstreamed(body, placed), slots: [] };
}

/** How an island request the stream made was answered; `prepared`: its request state. */
export type IslandAnswerer = (request: IncomingRequest) => Promise<{ answer: Answer | Response; prepared: PreparedRequest }>;

export interface PageStreamOptions {
	runtime: AppRuntime;
	/** `{assetPrefix}/island/` */
	islandPath: string;
	answerIsland: IslandAnswerer;
	log: Log;
}

/**
 * The streamed bodies this app made, so a late `cache-control: public` (a hook's, after resolve()) can undo one, and
 * the headers the page finally goes out with are known to its islands (`settle`).
 */
const streams = new WeakMap<ReadableStream, { unstream(): void; settle(headers: Headers): void }>();

/**
 * The first header of an island's answer that a streamed fragment would lose, if any: one the app set (not the
 * endpoint's own) that the page's own response does not carry with the same value.
 */
export function headerLostInStream(island: Record<string, string>, page: Headers): string | undefined {
	for (const name in island) if (!ISLAND_ANSWER_HEADERS.has(name) && page.get(name) !== island[name]) return name;
	return undefined;
}

/**
 * A hook may make the page shared-cacheable after it rendered. Checked once the hooks have answered, before the
 * body is read: the page then goes out whole, with no island rendered into it.
 */
export function settleStream(response: Answer | Response): void {
	if (!(response instanceof Response) || !response.body) return;
	const stream = streams.get(response.body);
	if (!stream) return;
	stream.settle(response.headers);
	if (sharedCacheable(response.headers.get('cache-control'))) stream.unstream();
}

export function createPageStreamer(options: PageStreamOptions) {
	const { runtime, islandPath, log } = options;

	/** `sent`: the headers the page goes out with, read once the islands have answered. */
	async function render(page: IncomingRequest, slot: PlacedSlot, signal: AbortSignal, sent: () => Headers): Promise<string> {
		const url = new URL(islandHref(islandPath, slot.name, slot.token), page.url);
		let answer: Answer;
		let prepared: PreparedRequest;
		try {
			const answered = await options.answerIsland(streamedIslandRequest(page, url, signal));
			prepared = answered.prepared;
			answer = answered.answer instanceof Response ? await fromWebResponse(answered.answer) : answered.answer;
		} catch (error) {
			// The endpoint contains the island's own errors; this is one in a hook's Response, say.
			log(`[mochi] island ${slot.name} could not be streamed: ${firstLine(error)}`);
			return carrier(slot.slot, ` error="render" status="500"`);
		}
		if (answer.status === 200) {
			// A fragment in a page can't set a cookie or a header: the browser fetches it, and so do later pages. Nor
			// can the page's parser keep HTML in its template that ends the template (raw `{@html}`): the rest would
			// land in the page as markup, where its scripts would run.
			const setByIsland = answer.cookies.length > 0 || prepared.headers !== null;
			const lost = setByIsland ? undefined : headerLostInStream(answer.headers, sent());
			if (setByIsland || lost || !fitsTemplate(answer.body)) {
				// A hook's header (a request id, say) is the one case the app may not expect: said once, as from then on the island is fetched.
				if (lost) log(`[mochi] island ${slot.name} is fetched, not streamed: its answer sets ${lost}, which its part of a streamed page cannot send`);
				runtime.stream?.fetched.add(slot.name);
				return carrier(slot.slot, ' fetch');
			}
			const token = answer.headers[HYDRATABLE_HEADER];
			return carrier(slot.slot, token ? ` hydratable="${escapeHtml(token)}"` : '', answer.body);
		}
		// A redirect: the fetch gets it again, with its cookies, and the runtime sends the page there.
		if (answer.status === ISLAND_ERROR_STATUS.redirect && answer.headers[ISLAND_LOCATION_HEADER]) return carrier(slot.slot, ' fetch');
		const reason = answer.headers[ISLAND_ERROR_HEADER] ?? 'http';
		return carrier(slot.slot, ` error="${escapeHtml(reason)}" status="${answer.status}"`);
	}

	/** The page as a streamed Response: its markup at once, then each island as it completes, then the tail. */
	return function streamPage(page: IncomingRequest, answer: Answer, slots: PlacedSlot[], tail: string): Response {
		const encoding: StreamEncoding = pickEncoding(page.header('accept-encoding'));
		const head = answer.body.slice(0, answer.body.length - tail.length);
		const abort = new AbortController();
		let streaming = true;
		let sink: TextSink | undefined;
		const body = new ReadableStream<Uint8Array>(
			{
				// The first read starts the islands: a Response nobody sends (a hook answered with another) renders none.
				pull(controller) {
					if (sink) return;
					const out = (sink = textSink(encoding, controller));
					if (!streaming) {
						out.write(unstreamed(head, slots) + tail);
						return out.end();
					}
					out.write(head);
					let left = slots.length;
					for (const slot of slots) {
						void render(page, slot, abort.signal, () => sent).then((html) => {
							if (abort.signal.aborted) return;
							out.write(html);
							if (--left === 0) {
								out.write(tail);
								out.end();
							}
						});
					}
				},
				cancel() {
					abort.abort(new Error('Client disconnected'));
					sink?.abort();
				}
			},
			{ highWaterMark: 0 }
		);
		const headers = new Headers(answer.headers);
		// These, unless a hook answers with a Response of its own around this body (settleStream).
		let sent = headers;
		streams.set(body, { unstream: () => void (streaming = false), settle: (final) => void (sent = final) });
		headers.set('cache-control', privateCacheControl(headers.get('cache-control')));
		for (const cookie of answer.cookies) headers.append('set-cookie', cookie);
		// nginx (and proxies that honour it) would otherwise buffer the whole response before passing it on.
		headers.set('x-accel-buffering', 'no');
		if (encoding) headers.set('content-encoding', encoding);
		headers.append('vary', 'accept-encoding');
		return new Response(body, { status: answer.status, headers });
	};
}

/**
 * A streamed page carries its islands' HTML, which is personal (an island answer is `private, no-store` by
 * default): no shared cache may keep it, even one that would store a bare `max-age`, or a response that says nothing.
 */
export function privateCacheControl(value: string | null): string {
	if (!value) return 'private, no-store';
	return /(?:^|[\s,])(?:private|no-store)\b/i.test(value) ? value : `private, ${value}`;
}

/** One island's part of the stream: its HTML in a template (empty unless it rendered), then the element that places it. */
function carrier(slot: number, attributes: string, html = ''): string {
	return `<template>${html}</template><${STREAM_TAG} for="${slot}"${attributes}></${STREAM_TAG}>`;
}

/**
 * Whether `html` stays inside the `<template>` that carries it through the page's parser: no `</template` of its
 * own, and no comment left open (Svelte follows each `{@html}` with a `<!---->` marker, which closes one, but the
 * check does not count on it). Fetched, the same HTML goes through `innerHTML`, which confines it whatever it holds.
 * An island that renders a `<template>` element of its own is fetched too: a text scan cannot tell a real end tag
 * from one inside an attribute, and only a real one must be matched.
 */
export function fitsTemplate(html: string): boolean {
	if (/<\/template/i.test(html)) return false;
	const open = html.lastIndexOf('<!--');
	return open === -1 || html.indexOf('-->', open + 4) !== -1;
}
