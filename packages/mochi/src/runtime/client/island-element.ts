// `<mochi-island>`: fetches one server island and swaps it in for its fallback.
// All state lives on the instance, so islands load in parallel and one failure touches no other.
import {
	HYDRATABLE_HEADER,
	HYDRATE_ATTRIBUTE,
	ISLAND_ERROR_EVENT,
	ISLAND_ERROR_HEADER,
	ISLAND_LOAD_EVENT,
	ISLAND_LOCATION_HEADER,
	ISLAND_RETRIES,
	ISLAND_RETRY_MS,
	MAX_GET_TOKEN_LENGTH,
	ROOT_MARGIN_ATTRIBUTE,
	STREAM_ATTRIBUTE,
	TOKEN_ATTRIBUTE,
	TOKEN_PARAM,
	type IslandErrorReason
} from '../shared/constants.js';
import { assetPrefix, clientIslandUrl, islandCodePrefix, islandTimeout } from './app-config.js';

/** `detail` of `mochi:island-error`. `status` is 0 when no response arrived. */
export interface IslandErrorDetail {
	status: number;
	/**
	 * The server's `x-mochi-island-error`; `network` if the fetch failed; `http` for a bare non-2xx (a proxy);
	 * `component` when a client island's code URL is not the app's own (never requested); `hydrate` when it failed.
	 */
	reason: IslandErrorReason | 'network' | 'timeout' | 'http' | 'hydrate' | 'component' | (string & {});
}

export class MochiIsland extends HTMLElement {
	/** Set once the fetch starts: moving the element in the DOM reconnects it, and must not fetch again. */
	#fetched: boolean | undefined;
	/** Watching for the island to come near; null once it has (null, not undefined: shorter in the bundle). */
	#observer: IntersectionObserver | null | undefined;
	#marker: HTMLElement | undefined;
	/**
	 * The last fragment's `x-mochi-hydratable`: which of its data blocks are the server's (hydrate.ts). A
	 * property, which markup (an island's `{@html}`) cannot set, unlike an attribute.
	 */
	declare hydratable?: string | null;
	/**
	 * The island's current fetch, set when it starts: a reload (refresh.ts) queues behind it, and one that
	 * never started (`load="visible"`, not yet near) is left alone. Public: refresh.ts may be another bundle's.
	 */
	declare p?: Promise<unknown>;

	connectedCallback(): void {
		// Moving an island reconnects it: an observer that is set already watches its children, wherever they are.
		// A streamed island's HTML comes in the page's own response: stream.ts swaps it in (or calls load()).
		if (this.#fetched || this.#observer || this.hasAttribute(STREAM_ATTRIBUTE)) return;
		const trigger = this.getAttribute(HYDRATE_ATTRIBUTE);
		if (trigger) {
			this.#fetched = true; // committed: reconnecting must not schedule a second hydration
			// Client islands' code is a chunk of its own (client-island.ts): server-island pages never load it.
			(import(/* @vite-ignore */ clientIslandUrl) as Promise<typeof import('./client-island.js')>).then(
				(code) => code.scheduleHydration(this, trigger, islandCodePrefix),
				() => this.settle('error', ISLAND_ERROR_EVENT, { status: 0, reason: 'network' })
			);
		} else if (this.getAttribute('load') === 'visible') this.whenVisible(() => (this.p = this.load()));
		else this.p = this.load();
	}

	/** Runs `run` once the island comes near the viewport (`root-margin`, 200px by default). */
	whenVisible(run: () => unknown): void {
		// `display: contents` gives this element no box, so the observer watches its children; a text-only
		// fallback gets an empty inline marker, which has a position even with zero size.
		let targets = [...this.children];
		if (targets.length === 0) targets = [(this.#marker = this.appendChild(document.createElement('span')))];
		const observer = (this.#observer = new IntersectionObserver(
			(entries) => {
				if (!entries.some((entry) => entry.isIntersecting)) return;
				observer.disconnect();
				this.#observer = null;
				this.#marker?.remove();
				run();
			},
			{ rootMargin: this.getAttribute(ROOT_MARGIN_ATTRIBUTE) || '200px' }
		));
		for (const target of targets) observer.observe(target);
	}

	/**
	 * Fetches the island with its token and swaps it in; on failure the content stays as it was. Public for
	 * refresh.ts (reloadIslands, enhanced forms), which queues calls on `p`; never rejects.
	 */
	async load(): Promise<void> {
		this.#fetched = true;
		// No name (never written by Mochi) asks for `/island/null`: a 404, as an empty one would be.
		const url = `${assetPrefix}/island/${encodeURIComponent(this.getAttribute('name')!)}`;
		const token = this.getAttribute(TOKEN_ATTRIBUTE) ?? '';
		// Past what URLs reliably carry through proxies, the token travels in a POST body instead.
		const post = token.length > MAX_GET_TOKEN_LENGTH;
		let detail: IslandErrorDetail;
		for (let attempt = 0; ; attempt++) {
			try {
				const response = await fetch(post ? url : `${url}?${TOKEN_PARAM}=${token}`, {
					method: post ? 'POST' : 'GET',
					body: post ? token : null,
					signal: AbortSignal.timeout(islandTimeout)
				});
				detail = { status: response.status, reason: response.headers.get(ISLAND_ERROR_HEADER) || 'http' };
				if (response.ok) {
					// Parsed in a template so nothing runs or loads until it is in the page.
					const template = document.createElement('template');
					template.innerHTML = await response.text();
					this.hydratable = response.headers.get(HYDRATABLE_HEADER);
					this.replaceChildren(template.content);
					return this.settle('loaded', ISLAND_LOAD_EVENT);
				}
				// An unread body holds the request (and its connection) open until garbage collection.
				void response.body?.cancel();
				// The island threw redirect() (a 409): the server sends an absolute URL on this origin (it
				// refuses others), and the page goes there. Anything else (a proxy's doing) fails the island.
				const to = response.headers.get(ISLAND_LOCATION_HEADER);
				if (to?.startsWith(origin + '/')) return location.assign(to);
				// Only a gateway's passing trouble is worth another try: a 4xx, a render error or Mochi's own render
				// timeout (a 503 that says so in its reason) will not change.
				if (response.status < 502 || response.status > 504 || response.headers.has(ISLAND_ERROR_HEADER)) break;
			} catch (error) {
				// A timeout is final (the island is slow: asking again adds load); a network error is retried.
				detail = { status: 0, reason: (error as Error).name === 'TimeoutError' ? 'timeout' : 'network' };
				if (detail.reason === 'timeout') break;
			}
			if (attempt === ISLAND_RETRIES) break;
			await new Promise((resolve) => setTimeout(resolve, ISLAND_RETRY_MS * 2 ** attempt * (1 + Math.random())));
		}
		this.settle('error', ISLAND_ERROR_EVENT, detail);
	}

	/** Marks the outcome (`state`) and fires its event; client-island.ts settles hydration through it. */
	settle(state: 'loaded' | 'hydrated' | 'error', type: string, detail?: IslandErrorDetail): void {
		this.setAttribute('state', state);
		this.dispatchEvent(new CustomEvent(type, { bubbles: true, detail }));
	}
}
