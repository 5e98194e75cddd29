// Fetching islands again, in place: `reloadIslands()` (mochi-framework/client) and enhanced forms'
// refreshes (enhance.ts) share this one path. The fetch and swap are the element's own `load()`
// (island-element.ts); what is added here is the queue, `aria-busy`, and unmounting the hydrated
// islands a successful swap replaced. State lives on the elements, not in this module: a client
// island's chunk and the runtime's enhance chunk may each carry a copy of this file.
import { ISLAND_ERROR_EVENT, ISLAND_TAG, TOKEN_ATTRIBUTE } from '../shared/enhance-constants.js';
import type { IslandErrorDetail } from './island-element.js';

/** A server island as refresh.ts sees it: any bundle's `<mochi-island>`. */
interface Island extends HTMLElement {
	load(): Promise<void>;
	p?: Promise<unknown>;
}

/** One island that did not swap in: it kept its old content and fired `mochi:island-error` with this detail. */
export interface ReloadFailure extends IslandErrorDetail {
	name: string;
	element: HTMLElement;
}

/** Set by hydrate.ts on a client island once Svelte has hydrated it. */
export const UNMOUNT = 'mochiUnmount';

/**
 * Fetches again every server island of that component name on the page (all of them without a name),
 * each with its own token, and resolves once every one has swapped in or failed. It never rejects: it
 * resolves with the islands that failed (empty when all swapped), which kept their old content.
 *
 * ```ts
 * const failed = await reloadIslands('CartCount'); // [] once every <CartCount mochi:defer> shows fresh HTML
 * ```
 */
export function reloadIslands(name?: string): Promise<ReloadFailure[]> {
	const selector = `${ISLAND_TAG}[${TOKEN_ATTRIBUTE}]${name === undefined ? '' : `[name="${CSS.escape(name)}"]`}`;
	// An island that has not started (`load="visible"`, still far) will fetch fresh HTML when it does.
	const islands = [...document.querySelectorAll<Island>(selector)].filter((island) => island.p && typeof island.load === 'function');
	return Promise.all(islands.map(reloadIsland)).then((results) => results.filter((result) => result !== null));
}

/** Queued behind the island's current fetch or reload: two reloads of one island never race. */
export function reloadIsland(island: Island): Promise<ReloadFailure | null> {
	const run = () => reloadNow(island);
	const next = (island.p ?? Promise.resolve()).then(run, run);
	island.p = next;
	return next;
}

async function reloadNow(island: Island): Promise<ReloadFailure | null> {
	// Looked up now, not when queued: a reload before this one may have swapped in other islands.
	const replaced = [...island.querySelectorAll(`${ISLAND_TAG}[hydrate]`)];
	let failure: ReloadFailure | null = null;
	const onError = (event: Event) => {
		// Events of nested islands bubble through this one: only its own counts.
		if (event.target === island) failure = { ...(event as CustomEvent<IslandErrorDetail>).detail, name: island.getAttribute('name') ?? '', element: island };
	};
	island.setAttribute('aria-busy', 'true');
	island.addEventListener(ISLAND_ERROR_EVENT, onError);
	try {
		await island.load();
	} finally {
		island.removeEventListener(ISLAND_ERROR_EVENT, onError);
		island.removeAttribute('aria-busy');
	}
	// Swapped: the old client islands are out of the page; Svelte tears their effects down now. A failed
	// reload left them mounted, in place.
	if (!failure) for (const old of replaced) (old as unknown as Record<string, (() => void) | undefined>)[UNMOUNT]?.();
	return failure;
}
