// `<X mochi:client …>children</X>`: an island the server never renders. It writes what a client island
// writes (hydrated.ts) minus the component's HTML: the props block and a `<mochi-island client>` whose
// children, the page's own markup, are the fallback the browser replaces when it mounts the component.
import type { Component } from 'svelte';
import { state } from '../state.js';
import { serializeProps, islandName } from './island-attributes.js';
import { escapeHtml } from '../escape.js';
import { PROPS_REF_ATTRIBUTE, type HydrateTrigger } from '../../shared/props-script.js';
import { CLIENT_ATTRIBUTE, COMPONENT_ATTRIBUTE, HYDRATE_ATTRIBUTE, ISLAND_TAG, ROOT_MARGIN_ATTRIBUTE } from '../../shared/constants.js';

/** What the preprocessor passes for each `<X mochi:client …>`; `Props` as in `IslandCall`. */
export interface ClientOnlyCall<Props extends Record<string, any> = Record<string, unknown>> {
	client: HydrateTrigger;
	file: string;
	line: number;
	options?: { rootMargin?: string };
	props: Props;
}

/**
 * Called by compiled pages: `{@html clientOnly(Chart, {...})}fallback{@html "</mochi-island>"}`. Returns the
 * props block (once per distinct payload) and the island's opening tag; the compiled page closes it.
 */
export function clientOnly<Props extends Record<string, any>>(component: Component<Props, any, any>, call: ClientOnlyCall<NoInfer<Props>>): string {
	const where = `${call.file}:${call.line}`;
	const name = islandName(component, where);
	const payload = serializeProps(name, where, call.props);
	const store = state.storage.getStore();
	if (!store) {
		throw new Error(
			`${where}: <${name} mochi:client> can only render while Mochi serves a request (in a test: inside renderServer() from mochi-framework/testing).`
		);
	}
	// No app (a component test): no client chunk to point at, as for hydrated islands.
	const url = store.app ? store.app.clientIslands[name] : '';
	if (url === undefined) {
		throw new Error(`Island <${name}> is client-only but has no client chunk. Restart the dev server or rebuild the app.`);
	}
	const { id, script } = store.props.ref(payload);
	let attributes = `name="${escapeHtml(name)}" ${HYDRATE_ATTRIBUTE}="${call.client}" ${CLIENT_ATTRIBUTE} ${COMPONENT_ATTRIBUTE}="${escapeHtml(url)}" ${PROPS_REF_ATTRIBUTE}="${id}"`;
	if (call.options?.rootMargin) attributes += ` ${ROOT_MARGIN_ATTRIBUTE}="${escapeHtml(call.options.rootMargin)}"`;
	return `${script ?? ''}<${ISLAND_TAG} ${attributes}>`;
}
