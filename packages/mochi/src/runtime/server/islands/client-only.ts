// `<X mochi:client …>children</X>`: an island the server never renders. It writes what a client island
// writes (hydrated.ts) minus the component's HTML: the props block and a `<mochi-island client>` whose
// children, the page's own markup, are the fallback the browser replaces when it mounts the component.
import type { Component } from 'svelte';
import type { HydrateTrigger } from '../../shared/props-script.js';
import { clientChunk, clientIslandCall, clientShellOpening } from './client-shell.js';

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
	const { name, payload, store } = clientIslandCall(component, call, 'mochi:client');
	// No app (a component test): no client chunk to point at, as for hydrated islands.
	const url = store.app ? clientChunk(store.app.clientIslands, name, 'client-only') : '';
	const { id, script } = store.props.ref(payload);
	return `${script ?? ''}${clientShellOpening({ name, trigger: call.client, url, propsId: id, rootMargin: call.options?.rootMargin, clientOnly: true })}`;
}
