// Streamed islands (DESIGN.md §8), loaded beside the runtime only by pages that stream (page-document.ts): after
// the page's markup, the server writes each island as `<template>HTML</template><mochi-stream for="SLOT">` as soon
// as it is rendered. The element is upgraded the moment it is parsed (or, if it came first, when this module
// defines it), so each island is swapped in as it arrives, not once the page has ended.
import { ISLAND_ERROR_EVENT, ISLAND_LOAD_EVENT, ISLAND_TAG, STREAM_ATTRIBUTE, STREAM_TAG } from '../shared/stream-constants.js';
import type { IslandErrorDetail, MochiIsland } from './island-element.js';

/** A waiting shell: `<mochi-island stream="SLOT">` (the runtime's element, another bundle's class). */
function waiting(slot?: string): MochiIsland[] {
	const which = slot === undefined ? '' : `="${CSS.escape(slot)}"`;
	return [...document.querySelectorAll<MochiIsland>(`${ISLAND_TAG}[${STREAM_ATTRIBUTE}${which}]`)];
}

class MochiStream extends HTMLElement {
	connectedCallback(): void {
		const template = this.previousElementSibling;
		// Only the server's own markup places islands: one written inside an island's HTML (its `{@html}`) is not.
		const inIsland = this.closest(ISLAND_TAG);
		this.remove();
		if (!(template instanceof HTMLTemplateElement) || inIsland) return;
		template.remove();
		const [island] = waiting(this.getAttribute('for') ?? '');
		if (!island) return;
		island.removeAttribute(STREAM_ATTRIBUTE);
		const error = this.getAttribute('error');
		// It set a cookie or a header (or redirected): only its own answer can carry that.
		if (this.hasAttribute('fetch')) island.p = island.load();
		else if (error) {
			// What the fetch would have said: the fallback stays, with the server's status and reason.
			const detail: IslandErrorDetail = { status: Number(this.getAttribute('status')), reason: error };
			island.setAttribute('state', 'error');
			island.dispatchEvent(new CustomEvent(ISLAND_ERROR_EVENT, { bubbles: true, detail }));
		} else {
			// As a fetched island's HTML is (island-element.ts): parsed again through innerHTML, whose scripts never
			// run (one the parser put in this template would run once moved into the page), then put in place.
			const fresh = document.createElement('template');
			fresh.innerHTML = template.innerHTML;
			island.hydratable = this.getAttribute('hydratable');
			island.replaceChildren(fresh.content);
			island.setAttribute('state', 'loaded');
			island.dispatchEvent(new CustomEvent(ISLAND_LOAD_EVENT, { bubbles: true }));
		}
		// Settled: reloadIslands() (refresh.ts) queues behind `p`, and leaves an island without one alone.
		island.p ??= Promise.resolve();
	}
}

/** The response ended without an island (the connection was cut): it is fetched, as on a page that doesn't stream. */
function fetchLeftOver(): void {
	for (const island of waiting()) {
		island.removeAttribute(STREAM_ATTRIBUTE);
		island.p = island.load();
	}
}

// After the runtime: the islands must be upgraded before anything is swapped into them.
void customElements.whenDefined(ISLAND_TAG).then(() => {
	customElements.get(STREAM_TAG) || customElements.define(STREAM_TAG, MochiStream);
	if (document.readyState === 'loading') addEventListener('DOMContentLoaded', fetchLeftOver);
	else fetchLeftOver();
});
