// Part of every hydrated island's client entry (see core/plugins/client-islands.ts), never of the
// island runtime, which passes in the element and, for an island inside a fetched fragment, that
// fragment's root and its answer's data token. It imports nothing the runtime imports, so the runtime
// stays one request.
import { parse } from 'devalue';
import { HYDRATABLE_ATTRIBUTE, HYDRATABLE_PROMISE, PROPS_REF_ATTRIBUTE } from '../shared/props-script.js';
import { whileHydrating } from '../shared/hydrating-island.js';

/** The element property refresh.ts calls (kept apart from refresh.ts: an island chunk need not carry that). */
const UNMOUNT = 'mochiUnmount';
/** A server island's shell (constants.ts: ISLAND_TAG, TOKEN_ATTRIBUTE), whose fragment's props ids are its own. */
const SHELL = 'mochi-island[signed-props]';

/** A client-only island (constants.ts: CLIENT_ATTRIBUTE): mounted in place of its fallback, not hydrated. */
const CLIENT = 'client';

type Hydrate = (component: any, options: { target: Element; props: Record<string, unknown> }) => unknown;
type Mount = (component: any, options: { target: Element; anchor?: Node; props: Record<string, unknown> }) => unknown;

export function hydrateIsland(
	element: HTMLElement,
	fragment: Element | null,
	component: unknown,
	hydrate: Hydrate,
	token: string | null = null,
	unmount?: (instance: any) => unknown,
	mount?: Mount
): void {
	// A fragment's props ids are its own (they may clash with the page's): look inside it first.
	const selector = `script[id="${CSS.escape(element.getAttribute(PROPS_REF_ATTRIBUTE) ?? '')}"]`;
	// A page-level island must not take a fragment's block of the same id (a fragment swapped in above it).
	const block = fragment?.querySelector(selector) ?? [...document.querySelectorAll(selector)].find((found) => !found.closest(SHELL));
	if (!block) throw new Error(`mochi: island ${element.getAttribute('name')} has no props block`);
	if (fragment) loadFragmentData(fragment, token);
	const props = parse(block.textContent ?? '') as Record<string, unknown>;
	// Named while it runs: a getRequestContext() in its <script> then says which island called it.
	const start = mount && element.hasAttribute(CLIENT) ? replacing(element, mount) : hydrate;
	const instance = whileHydrating(element.getAttribute('name'), () => start(component, { target: element, props }));
	// A reload that swaps this island out (refresh.ts) unmounts it, so its effects and timers stop.
	if (unmount) (element as unknown as Record<string, unknown>)[UNMOUNT] = () => unmount(instance);
}

/**
 * Mounts before the fallback (the server's children), which leaves only once the mount has succeeded: a
 * component that throws while mounting keeps the fallback on the page, next to the error event.
 */
function replacing(element: HTMLElement, mount: Mount): Hydrate {
	return (component, options) => {
		const fallback = [...element.childNodes];
		const instance = mount(component, { ...options, anchor: fallback[0] });
		for (const node of fallback) node.remove();
		return instance;
	};
}

const REVIVERS = { [HYDRATABLE_PROMISE]: ([value]: [unknown]) => Promise.resolve(value) };

/**
 * A fragment's `hydratable()` data, put where Svelte's own data script would have put it: devalue JSON of
 * `[key, value]` pairs (runtime/server/islands/hydratable-data.ts). Only blocks marked with the answer's
 * token are read. Island HTML (`{@html}` of a visitor's text) can forge the markup of a block but not the
 * token, which is random per answer and reaches this code through the runtime, not the DOM. Every block
 * then leaves the page; none of them was ever a script.
 */
function loadFragmentData(fragment: Element, token: string | null): void {
	const global = window as unknown as { __svelte?: { h?: Map<unknown, unknown> } };
	for (const block of fragment.querySelectorAll(`script[${HYDRATABLE_ATTRIBUTE}]`)) {
		if (token && block.getAttribute(HYDRATABLE_ATTRIBUTE) === token && block.getAttribute('type') === 'application/json') {
			const store = ((global.__svelte ??= {}).h ??= new Map());
			for (const [key, value] of parse(block.textContent ?? '', REVIVERS) as Array<[unknown, unknown]>) store.set(key, value);
		}
		block.remove();
	}
}
