import { state, type AppRuntime } from '../state.js';
import { serializeProps, islandName } from './island-attributes.js';
import type { PropsRegistry } from './props-registry.js';
import { escapeHtml } from '../escape.js';
import {
	COMPONENT_ATTRIBUTE,
	HYDRATE_ATTRIBUTE,
	PROPS_REF_ATTRIBUTE,
	HYDRATABLE_ATTRIBUTE,
	ROOT_MARGIN_ATTRIBUTE,
	type HydrateTrigger
} from '../../shared/props-script.js';
import { ISLAND_TAG } from '../../shared/constants.js';

/** What the preprocessor passes for each `<X mochi:hydrate …>`. */
export interface HydrateCall {
	hydrate: HydrateTrigger;
	file: string;
	line: number;
	options?: { rootMargin?: string };
	props: Record<string, unknown>;
}

/**
 * Called by compiled pages: `{@html await hydrated(Counter, {...})}`. Renders the island as its own
 * root (exactly what `hydrate()` expects to find in the browser) inside a `<mochi-island>` that
 * points at its client chunk and at a props block, written once per distinct payload.
 */
export async function hydrated(component: unknown, call: HydrateCall): Promise<string> {
	const where = `${call.file}:${call.line}`;
	const name = islandName(component, where);
	const payload = serializeProps(name, where, call.props);
	const store = state.storage.getStore();
	if (!store?.app) throw new Error(`${where}: <${name} mochi:hydrate> can only render while Mochi serves a request.`);
	return renderHydrated(store.app, name, component, call.props, payload, store.props, call.hydrate, call.options?.rootMargin);
}

/** The markup of one client island; also used for the fragment of a deferred + hydrated island. */
export async function renderHydrated(
	app: AppRuntime,
	name: string,
	component: unknown,
	props: Record<string, unknown>,
	payload: string,
	registry: PropsRegistry,
	trigger: HydrateTrigger,
	rootMargin?: string
): Promise<string> {
	const url = app.clientIslands[name];
	if (!url) {
		throw new Error(`Island <${name}> is hydrated but has no client chunk. Restart the dev server or rebuild the app.`);
	}
	const rendered = await app.render(component as any, { props });
	const { id, script } = registry.ref(payload);
	let attributes = `name="${escapeHtml(name)}" ${HYDRATE_ATTRIBUTE}="${trigger}" ${COMPONENT_ATTRIBUTE}="${escapeHtml(url)}" ${PROPS_REF_ATTRIBUTE}="${id}"`;
	if (rootMargin) attributes += ` ${ROOT_MARGIN_ATTRIBUTE}="${escapeHtml(rootMargin)}"`;
	// The island's head goes before it, never inside (hydrate() expects exactly the body there): in dev
	// the components' <style>s, and Svelte's inline `hydratable()` data script, marked so that the
	// browser runtime can run it when the island arrives inside a fetched fragment (where it is inert).
	const head = rendered.head.replace(/<script(?=[\s>])/g, `<script ${HYDRATABLE_ATTRIBUTE}`);
	return `${head}${script ?? ''}<${ISLAND_TAG} ${attributes} style="display:contents">${rendered.body}</${ISLAND_TAG}>`;
}
