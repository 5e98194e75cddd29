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

/** Given to Svelte's render as the CSP nonce, to pick out Svelte's `hydratable()` data script exactly. */
const DATA_SCRIPT_NONCE = 'mochi-hydratable-data';
const FRAGMENT_HEAD_TAGS = new RegExp(
	`<script ${HYDRATABLE_ATTRIBUTE}>[\\s\\S]*?</script>|<style\\b[^>]*>[\\s\\S]*?</style>`,
	'g'
);

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
	const html = await renderHydrated(store.app, name, component, call.props, payload, store.props, call.hydrate, call.options?.rootMargin);
	store.head.push(html.head);
	return html.body;
}

/**
 * The markup of one client island: `body` goes where the island stands, `head` into the document head
 * (a page) or, for the fragment of a deferred + hydrated island, see `fragmentHead`.
 */
export async function renderHydrated(
	app: AppRuntime,
	name: string,
	component: unknown,
	props: Record<string, unknown>,
	payload: string,
	registry: PropsRegistry,
	trigger: HydrateTrigger,
	rootMargin?: string
): Promise<{ head: string; body: string }> {
	const url = app.clientIslands[name];
	if (!url) {
		throw new Error(`Island <${name}> is hydrated but has no client chunk. Restart the dev server or rebuild the app.`);
	}
	// The marker nonce picks out Svelte's own `hydratable()` data script among the island's head tags.
	const rendered = await app.render(component as any, { props, csp: { nonce: DATA_SCRIPT_NONCE } });
	const { id, script } = registry.ref(payload);
	let attributes = `name="${escapeHtml(name)}" ${HYDRATE_ATTRIBUTE}="${trigger}" ${COMPONENT_ATTRIBUTE}="${escapeHtml(url)}" ${PROPS_REF_ATTRIBUTE}="${id}"`;
	if (rootMargin) attributes += ` ${ROOT_MARGIN_ATTRIBUTE}="${escapeHtml(rootMargin)}"`;
	const head = rendered.head.replace(`<script nonce="${DATA_SCRIPT_NONCE}">`, `<script ${HYDRATABLE_ATTRIBUTE}>`);
	const body = `${script ?? ''}<${ISLAND_TAG} ${attributes} style="display:contents">${rendered.body}</${ISLAND_TAG}>`;
	return { head, body };
}


/**
 * What of a client island's head can travel inside a fetched fragment: the page's head is already
 * built. Svelte's data script (run by the runtime before hydrating) and, in dev, the components'
 * styles. The island's own `<svelte:head>` content is left to Svelte, which creates it in
 * `document.head` as it hydrates; scripts in it must never run as part of the fragment.
 */
export function fragmentHead(head: string): string {
	const kept = head.match(FRAGMENT_HEAD_TAGS);
	return kept ? kept.join('') : '';
}

