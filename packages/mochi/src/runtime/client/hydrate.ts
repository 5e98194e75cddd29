// Part of every hydrated island's client entry (see core/plugins/client-islands.ts), never of the
// island runtime. It imports nothing shared with the runtime, so the runtime stays one request:
// the element itself says where its props and data scripts are (MochiIsland.hydrationInput).
import { parse } from 'devalue';

type Hydrate = (component: any, options: { target: Element; props: Record<string, unknown> }) => unknown;

export interface HydrationInput {
	/** The island's props block (devalue). */
	json: string;
	/** Svelte `hydratable()` scripts of a fetched fragment: inert until re-created. */
	scripts: Element[];
}

export function hydrateIsland(
	element: HTMLElement & { hydrationInput(): HydrationInput },
	component: unknown,
	hydrate: Hydrate
): void {
	const { json, scripts } = element.hydrationInput();
	// Scripts parsed from fetched HTML never run; re-created, they run once, before hydrating reads them.
	for (const inert of scripts) {
		const script = document.createElement('script');
		script.textContent = inert.textContent;
		inert.replaceWith(script);
	}
	hydrate(component, { target: element, props: parse(json) as Record<string, unknown> });
}
