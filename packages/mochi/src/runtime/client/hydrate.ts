// Part of every hydrated island's client entry (see core/plugins/client-islands.ts), never of the
// island runtime, which passes in the element and, for an island inside a fetched fragment, that
// fragment's root. It imports nothing the runtime imports, so the runtime stays one request.
import { parse } from 'devalue';
import { HYDRATABLE_ATTRIBUTE, PROPS_REF_ATTRIBUTE } from '../shared/props-script.js';

type Hydrate = (component: any, options: { target: Element; props: Record<string, unknown> }) => unknown;

export function hydrateIsland(element: HTMLElement, fragment: Element | null, component: unknown, hydrate: Hydrate): void {
	// A fragment's props ids are its own (they may clash with the page's): look inside it first.
	const selector = `script[id="${CSS.escape(element.getAttribute(PROPS_REF_ATTRIBUTE) ?? '')}"]`;
	const block = fragment?.querySelector(selector) ?? document.querySelector(selector);
	if (!block) throw new Error(`mochi: island ${element.getAttribute('name')} has no props block`);
	// Scripts parsed from fetched HTML never run; re-created, Svelte's hydratable() data runs once, before
	// hydrate() reads it.
	for (const inert of fragment?.querySelectorAll(`script[${HYDRATABLE_ATTRIBUTE}]`) ?? []) {
		const script = document.createElement('script');
		script.textContent = inert.textContent;
		inert.replaceWith(script);
	}
	hydrate(component, { target: element, props: parse(block.textContent ?? '') as Record<string, unknown> });
}
