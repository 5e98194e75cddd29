import type { Component } from 'svelte';
import { state, type AppRuntime } from '../state.js';
import { serializeProps, islandName } from './island-attributes.js';
import type { PropsRegistry } from './props-registry.js';
import { escapeHtml } from '../escape.js';
import { HYDRATABLE_ATTRIBUTE, PROPS_REF_ATTRIBUTE, type HydrateTrigger } from '../../shared/props-script.js';
import { COMPONENT_ATTRIBUTE, HYDRATE_ATTRIBUTE, ISLAND_TAG, ROOT_MARGIN_ATTRIBUTE } from '../../shared/constants.js';

/** Given to Svelte's render as the CSP nonce, to pick out Svelte's `hydratable()` data script exactly. */
const DATA_SCRIPT_NONCE = 'mochi-hydratable-data';
const FRAGMENT_HEAD_TAGS = new RegExp(
	`<script ${HYDRATABLE_ATTRIBUTE}>[\\s\\S]*?</script>|<style\\b[^>]*>[\\s\\S]*?</style>`,
	'g'
);

/** What the preprocessor passes for each `<X mochi:hydrate …>`; `Props` as in `IslandCall`. */
export interface HydrateCall<Props extends Record<string, any> = Record<string, unknown>> {
	hydrate: HydrateTrigger;
	file: string;
	line: number;
	options?: { rootMargin?: string };
	props: Props;
}

/**
 * Called by compiled pages: `{@html await hydrated(Counter, {...})}`. Renders the island as its own
 * root (exactly what `hydrate()` expects to find in the browser) inside a `<mochi-island>` that
 * points at its client chunk and at a props block, written once per distinct payload.
 */
export async function hydrated<Props extends Record<string, any>>(
	component: Component<Props, any, any>,
	call: HydrateCall<NoInfer<Props>>
): Promise<string> {
	const where = `${call.file}:${call.line}`;
	const name = islandName(component, where);
	const payload = serializeProps(name, where, call.props);
	const store = state.storage.getStore();
	if (!store) {
		throw new Error(
			`${where}: <${name} mochi:hydrate> can only render while Mochi serves a request (in a test: inside renderServer() from mochi-framework/testing).`
		);
	}
	const app = store.app ?? (await standaloneRuntime(name));
	const html = await renderHydrated(app, name, component, call.props, payload, store.props, call.hydrate, call.options?.rootMargin);
	store.head.push(html.head);
	return html.body;
}

/**
 * No app serves this render: a component test (mochi-framework/testing). The island renders with
 * this process's Svelte and points at no client chunk (`component=""`): its HTML is what a test reads.
 */
async function standaloneRuntime(name: string): Promise<AppRuntime> {
	const { render } = await import('svelte/server');
	return { clientIslands: { [name]: '' }, render, dev: true };
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
	if (url === undefined) {
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

