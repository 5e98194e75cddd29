// Client islands (`mochi:hydrate`, `mochi:client`): when to hydrate, which code may run, and the call
// into the island's own entry. A chunk of its own, imported by island-element.ts only when a client
// island connects, so pages with only server islands never download it (their runtime stays under
// 1 KB); pages that render a client island preload it (runtime/server/page-document.ts).
import { isIslandCode } from './island-code.js';
import { COMPONENT, ERROR_EVENT, HYDRATE_EVENT, SHELL } from './client-island-names.js';
import type { IslandErrorDetail, MochiIsland } from './island-element.js';

/**
 * Hydrates now, when the browser is idle, or when the island comes into view (`trigger`), with code from
 * under `codePrefix` only (app-config.ts's islandCodePrefix: passed in, as this chunk must share no module
 * with the runtime, or the bundler would split that module into a third file every island page loads).
 */
export function scheduleHydration(island: MochiIsland, trigger: string, codePrefix: string): void {
	const run = () => hydrate(island, codePrefix);
	if (trigger === 'visible') return island.whenVisible(run);
	// `run` ignores an idle deadline, and settles the element itself: nobody waits for its promise.
	if (trigger !== 'idle') void run();
	else if ('requestIdleCallback' in window) requestIdleCallback(run, { timeout: 2000 });
	else setTimeout(run, 200);
}

async function hydrate(island: MochiIsland, codePrefix: string): Promise<void> {
	let reason: IslandErrorDetail['reason'] = 'component';
	try {
		// Code is imported from the app's own island chunks only: markup (an island's `{@html}`) can write a
		// `<mochi-island component="…">`, but never make the page load someone else's script.
		const url = island.getAttribute(COMPONENT);
		if (!isIslandCode(url, codePrefix)) throw new Error(`mochi: refused island code from ${url}`);
		reason = 'hydrate';
		// The island's own entry hydrates it (see core/plugins/client-islands.ts). A URL from the element,
		// so bundlers add nothing here.
		const entry = (await import(/* @vite-ignore */ url)) as {
			default: (element: HTMLElement, fragment: Element | null, token: string | null | undefined) => void;
		};
		// Inside a fetched fragment (a deferred + hydrated island), its props and data live in that fragment,
		// and the shell's answer said which data is real (a property no markup can set). Undefined with no
		// parent: hydrate.ts treats it as null (no fragment).
		const shell = island.parentElement?.closest<MochiIsland>(SHELL) ?? null;
		entry.default(island, shell, shell?.hydratable);
		island.settle('hydrated', HYDRATE_EVENT);
	} catch (error) {
		console.error(error);
		island.settle('error', ERROR_EVENT, { status: 0, reason });
	}
}
