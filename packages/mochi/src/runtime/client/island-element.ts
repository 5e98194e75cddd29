// `<mochi-island>`: fetches one server island and swaps it in for its fallback.
// All state lives on the instance, so islands load in parallel and one failure touches no other.
import {
	ISLAND_ERROR_EVENT,
	ISLAND_ERROR_HEADER,
	ISLAND_LOAD_EVENT,
	TOKEN_ATTRIBUTE,
	TOKEN_PARAM,
	type IslandErrorReason
} from '../shared/constants.js';
import { assetPrefix } from './asset-prefix.js';

/** `detail` of `mochi:island-error`. `status` is 0 when no response arrived. */
export interface IslandErrorDetail {
	status: number;
	/** The server's `x-mochi-island-error`; `network` if the fetch failed; `http` for a bare non-2xx (a proxy). */
	reason: IslandErrorReason | 'network' | 'http' | (string & {});
}

export class MochiIsland extends HTMLElement {
	/** Set once the fetch starts: moving the element in the DOM reconnects it, and must not fetch again. */
	#fetched = false;
	#observer: IntersectionObserver | undefined;
	#marker: HTMLElement | undefined;

	connectedCallback(): void {
		if (!this.style.display) this.style.display = 'contents';
		if (this.#fetched || this.#observer) return;
		if (this.getAttribute('load') === 'visible') this.#whenVisible();
		else void this.#fetch();
	}

	disconnectedCallback(): void {
		// A detached island can't become visible; watch again if it comes back.
		this.#observer?.disconnect();
		this.#observer = undefined;
	}

	#whenVisible(): void {
		// `display: contents` gives this element no box, so the observer watches its children; a text-only
		// fallback gets an empty inline marker, which has a position even with zero size.
		let targets = [...this.children];
		if (targets.length === 0) targets = [(this.#marker = this.appendChild(document.createElement('span')))];
		const observer = (this.#observer = new IntersectionObserver(
			(entries) => {
				if (!entries.some((entry) => entry.isIntersecting)) return;
				observer.disconnect();
				this.#observer = undefined;
				this.#marker?.remove();
				void this.#fetch();
			},
			{ rootMargin: '200px' }
		));
		for (const target of targets) observer.observe(target);
	}

	async #fetch(): Promise<void> {
		this.#fetched = true;
		const name = encodeURIComponent(this.getAttribute('name') ?? '');
		const token = encodeURIComponent(this.getAttribute(TOKEN_ATTRIBUTE) ?? '');
		let detail: IslandErrorDetail = { status: 0, reason: 'network' };
		try {
			const response = await fetch(`${assetPrefix}/island/${name}?${TOKEN_PARAM}=${token}`, {
				credentials: 'same-origin',
				headers: { accept: 'text/html' }
			});
			detail = { status: response.status, reason: response.headers.get(ISLAND_ERROR_HEADER) || 'http' };
			if (response.ok) {
				// Parsed in a template so nothing runs or loads until it is in the page.
				const template = document.createElement('template');
				template.innerHTML = await response.text();
				this.replaceChildren(template.content);
				return this.#settle('loaded', ISLAND_LOAD_EVENT);
			}
		} catch {
			// Offline, or the body broke off: the fallback stays.
			detail.reason = 'network';
		}
		this.#settle('error', ISLAND_ERROR_EVENT, detail);
	}

	#settle(state: 'loaded' | 'error', type: string, detail?: IslandErrorDetail): void {
		this.setAttribute('state', state);
		this.dispatchEvent(new CustomEvent(type, { bubbles: true, detail }));
	}
}
