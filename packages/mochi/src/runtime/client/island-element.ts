// `<mochi-island>`: fetches one server island and swaps it in for its fallback.
// All state lives on the instance, so islands load in parallel and one failure touches no other.
import {
	ISLAND_ERROR_EVENT,
	ISLAND_ERROR_HEADER,
	ISLAND_HYDRATE_EVENT,
	ISLAND_LOAD_EVENT,
	ISLAND_TAG,
	TOKEN_ATTRIBUTE,
	TOKEN_PARAM,
	type IslandErrorReason
} from '../shared/constants.js';
import { assetPrefix } from './asset-prefix.js';
import {
	COMPONENT_ATTRIBUTE,
	HYDRATABLE_ATTRIBUTE,
	HYDRATE_ATTRIBUTE,
	PROPS_REF_ATTRIBUTE,
	ROOT_MARGIN_ATTRIBUTE
} from '../shared/props-script.js';
import type { HydrationInput } from './hydrate.js';

/** `detail` of `mochi:island-error`. `status` is 0 when no response arrived. */
export interface IslandErrorDetail {
	status: number;
	/** The server's `x-mochi-island-error`; `network` if the fetch failed; `http` for a bare non-2xx (a proxy). */
	reason: IslandErrorReason | 'network' | 'http' | 'hydrate' | (string & {});
}

export class MochiIsland extends HTMLElement {
	/** Set once the fetch starts: moving the element in the DOM reconnects it, and must not fetch again. */
	#fetched = false;
	#observer: IntersectionObserver | undefined;
	#marker: HTMLElement | undefined;

	connectedCallback(): void {
		if (!this.style.display) this.style.display = 'contents';
		if (this.#fetched || this.#observer) return;
		const trigger = this.getAttribute(HYDRATE_ATTRIBUTE);
		if (trigger) return this.#schedule(trigger, () => this.#hydrate());
		if (this.getAttribute('load') === 'visible') this.#whenVisible(() => this.#fetch());
		else void this.#fetch();
	}

	disconnectedCallback(): void {
		// A detached island can't become visible; watch again if it comes back.
		this.#observer?.disconnect();
		this.#observer = undefined;
	}

	/** Client islands: hydrate now, when the browser is idle, or when visible. */
	#schedule(trigger: string, run: () => Promise<void>): void {
		if (trigger === 'visible') return this.#whenVisible(run);
		this.#fetched = true; // committed: reconnecting must not schedule a second hydration
		if (trigger === 'idle' && 'requestIdleCallback' in window) requestIdleCallback(() => void run(), { timeout: 2000 });
		else if (trigger === 'idle') setTimeout(() => void run(), 200);
		else void run();
	}

	async #hydrate(): Promise<void> {
		this.#fetched = true;
		try {
			// The island's own entry hydrates it (see core/plugins/client-islands.ts). A URL from the
			// element, so bundlers add nothing here: pages with only server islands pay nothing for this.
			const entry = (await import(/* @vite-ignore */ this.getAttribute(COMPONENT_ATTRIBUTE) ?? '')) as {
				default: (element: HTMLElement) => void;
			};
			entry.default(this);
			this.#settle('hydrated', ISLAND_HYDRATE_EVENT);
		} catch (error) {
			console.error(error);
			this.#settle('error', ISLAND_ERROR_EVENT, { status: 0, reason: 'hydrate' });
		}
	}

	/** For the island's client entry: its props block and, inside a fetched fragment, the fragment's data scripts. */
	hydrationInput(): HydrationInput {
		// A fragment's ids are its own: look inside the deferred island it arrived in first.
		const fragment = this.parentElement?.closest(`${ISLAND_TAG}[${TOKEN_ATTRIBUTE}]`);
		const selector = `script[id="${CSS.escape(this.getAttribute(PROPS_REF_ATTRIBUTE) ?? '')}"]`;
		return {
			json: (fragment?.querySelector(selector) ?? document.querySelector(selector))?.textContent ?? '',
			scripts: fragment ? [...fragment.querySelectorAll(`script[${HYDRATABLE_ATTRIBUTE}]`)] : []
		};
	}

	#whenVisible(run: () => Promise<void>): void {
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
				void run();
			},
			{ rootMargin: this.getAttribute(ROOT_MARGIN_ATTRIBUTE) || '200px' }
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
			// An unread body holds the request (and its connection) open until garbage collection.
			void response.body?.cancel();
		} catch {
			// Offline, or the body broke off: the fallback stays.
			detail.reason = 'network';
		}
		this.#settle('error', ISLAND_ERROR_EVENT, detail);
	}

	#settle(state: 'loaded' | 'hydrated' | 'error', type: string, detail?: IslandErrorDetail): void {
		this.setAttribute('state', state);
		this.dispatchEvent(new CustomEvent(type, { bubbles: true, detail }));
	}
}
