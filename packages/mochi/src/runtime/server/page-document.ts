import type { ClientAssets, ServerManifest } from './app-types.js';
import { islandHref, type SignedIsland } from './islands/island-attributes.js';
import type { PlacedSlot } from './stream-page.js';
import { ISLAND_STYLE } from './island-style.js';
import { escapeHtml } from './escape.js';
import { HYDRATE_ATTRIBUTE, ISLAND_TAG, MAX_GET_TOKEN_LENGTH } from '../shared/constants.js';
import { ENHANCE_ATTRIBUTE } from '../shared/enhance-constants.js';

export interface DocumentOptions {
	manifest: ServerManifest;
	assets: ClientAssets;
	fill: (head: string, body: string) => string;
}

/** The whole HTML document of a page: the template around what Mochi puts first in the head, then Svelte's. */
export function createDocument({ manifest, assets, fill }: DocumentOptions) {
	const islandOpen = `<${ISLAND_TAG}`;
	// What the preprocessor writes for `<form mochi:enhance>` (a substring check, as for islands).
	const enhancedForm = ` ${ENHANCE_ATTRIBUTE}`;
	// What every client island's opening tag has (islands/client-shell.ts).
	const clientIsland = ` ${HYDRATE_ATTRIBUTE}="`;
	const islandUrl = `${manifest.assetPrefix}/island/`;
	const preloadIslands = manifest.islandPreload !== false;

	/** One preload per eager island URL that fits a GET (longer tokens are POSTed, which can't be preloaded). */
	function islandPreloads(islands: SignedIsland[], streamed: PlacedSlot[]): string {
		let links = '';
		// A streamed island is never requested: a preload of it would be a request for nothing.
		const seen = new Set<string>();
		for (const slot of streamed) seen.add(islandHref(islandUrl, slot.name, slot.token));
		for (const island of islands) {
			if (island.load !== 'eager' || island.token.length > MAX_GET_TOKEN_LENGTH) continue;
			const href = islandHref(islandUrl, island.name, island.token);
			if (seen.has(href)) continue;
			seen.add(href);
			links += `<link rel="preload" as="fetch" href="${escapeHtml(href)}" crossorigin>`;
		}
		return links;
	}

	/**
	 * `streamed`: the islands this page streams (stream-page.ts), whose document ends only when its last island
	 * has: each is swapped in as it arrives, by stream.ts beside the runtime.
	 */
	return function document(
		cssKey: string,
		head: string,
		body: string,
		islands: SignedIsland[] = [],
		streamed: PlacedSlot[] = [],
		nonce?: string
	): string {
		// First in the head: the browser starts every eager island request while it is still parsing the page,
		// and the runtime's fetch of the same URL (same mode and credentials) picks the response up.
		let top = preloadIslands ? islandPreloads(islands, streamed) : '';
		const hasIslands = body.includes(islandOpen);
		if (hasIslands) top += ISLAND_STYLE;
		for (const href of assets.css[cssKey] ?? []) top += `<link rel="stylesheet" href="${href}">`;
		if (assets.head) top += assets.head;
		// The runtime is loaded only where an island or an enhanced form was rendered: other pages ship no JS.
		const enhanced = body.includes(enhancedForm);
		// An async module at the end of the page's markup, fetched from the head by a modulepreload: it runs as soon as
		// it has loaded and the parser has passed every island, not once the document has ended (a deferred module
		// waits for DOMContentLoaded, and every island whose HTML had arrived waited with it). Never before the
		// markup, so the runtime never finds an island the parser is still inside; a streaming page's islands
		// come after it (stream.ts swaps each in as it is parsed).
		if (assets.runtime && (hasIslands || enhanced)) {
			const stream = streamed.length > 0 && assets.stream;
			if (stream && assets.inlineStream) {
				// A page that streams is personal and never shared, so it gains nothing from a cached module but would
				// wait a round trip for two: inline (async modules, which no stylesheet holds back), each streamed island
				// is swapped in as soon as the parser reaches it.
				const attributes = nonce ? ` nonce="${nonce}"` : '';
				const { runtime, stream: code } = assets.inlineStream;
				body += `<script type="module" async${attributes}>${runtime}</script><script type="module" async${attributes}>${code}</script>`;
			} else {
				top += `<link rel="modulepreload" href="${assets.runtime}">`;
				body += `<script type="module" async src="${assets.runtime}"></script>`;
				if (stream) {
					top += `<link rel="modulepreload" href="${assets.stream}">`;
					body += `<script type="module" async src="${assets.stream}"></script>`;
				}
			}
		}
		// The runtime imports client islands' code only when one connects: fetched beside it, not after it.
		if (assets.clientIsland && hasIslands && body.includes(clientIsland)) top += `<link rel="modulepreload" href="${assets.clientIsland}">`;
		// Enhanced forms are a module of their own (runtime/client/enhance.ts): island pages without one never load it.
		if (assets.enhance && enhanced) top += `<script type="module" src="${assets.enhance}"></script>`;
		return fill(top + head, body);
	};
}
