// What a client island (hydrated.ts) and a client-only island (client-only.ts) write alike: the checks of
// the call, the chunk lookup and the `<mochi-island>` opening tag the browser's hydrate path reads.
import type { Component } from 'svelte';
import { state, type RequestState } from '../state.js';
import { serializeProps, islandName } from './island-attributes.js';
import { escapeHtml } from '../escape.js';
import { PROPS_REF_ATTRIBUTE, type HydrateTrigger } from '../../shared/props-script.js';
import { CLIENT_ATTRIBUTE, COMPONENT_ATTRIBUTE, HYDRATE_ATTRIBUTE, ISLAND_TAG, ROOT_MARGIN_ATTRIBUTE } from '../../shared/constants.js';

/** The island's name, its props as devalue wrote them and the request it renders in; `directive` for errors. */
export function clientIslandCall(
	component: Component<any, any, any>,
	call: { file: string; line: number; props: Record<string, unknown> },
	directive: 'mochi:hydrate' | 'mochi:client'
): { name: string; payload: string; store: RequestState } {
	const where = `${call.file}:${call.line}`;
	const name = islandName(component, where);
	const payload = serializeProps(name, where, call.props);
	const store = state.storage.getStore();
	if (!store) {
		throw new Error(
			`${where}: <${name} ${directive}> can only render while Mochi serves a request (in a test: inside renderServer() from mochi-framework/testing).`
		);
	}
	return { name, payload, store };
}

/** The island's client chunk URL (`''` in a component test, which has none). */
export function clientChunk(chunks: Record<string, string>, name: string, kind: 'hydrated' | 'client-only'): string {
	const url = chunks[name];
	if (url === undefined) throw new Error(`Island <${name}> is ${kind} but has no client chunk. Restart the dev server or rebuild the app.`);
	return url;
}

/** `<mochi-island …>` pointing at the chunk and the props block; `clientOnly`: mounted, not hydrated. */
export function clientShellOpening(shell: { name: string; trigger: HydrateTrigger; url: string; propsId: string; rootMargin?: string; clientOnly?: boolean }): string {
	const client = shell.clientOnly ? ` ${CLIENT_ATTRIBUTE}` : '';
	let attributes = `name="${escapeHtml(shell.name)}" ${HYDRATE_ATTRIBUTE}="${shell.trigger}"${client} ${COMPONENT_ATTRIBUTE}="${escapeHtml(shell.url)}" ${PROPS_REF_ATTRIBUTE}="${shell.propsId}"`;
	if (shell.rootMargin) attributes += ` ${ROOT_MARGIN_ATTRIBUTE}="${escapeHtml(shell.rootMargin)}"`;
	// No style attribute: the page's head has the `display: contents` rule (island-style.ts).
	return `<${ISLAND_TAG} ${attributes}>`;
}
