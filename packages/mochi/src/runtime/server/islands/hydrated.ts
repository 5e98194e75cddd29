import type { Component } from 'svelte';
import type { AppRuntime } from '../state.js';
import { clientChunk, clientIslandCall, clientShellOpening } from './client-shell.js';
import type { PropsRegistry } from './props-registry.js';
import { hydratableData } from './hydratable-data.js';
import type { HydrateTrigger } from '../../shared/props-script.js';
import { ISLAND_TAG } from '../../shared/constants.js';

const FRAGMENT_STYLES = /<style\b[^>]*>[\s\S]*?<\/style>/g;

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
	const { name, payload, store } = clientIslandCall(component, call, 'mochi:hydrate');
	const app = store.app ?? (await standaloneRuntime(name));
	const html = await renderHydrated(app, {
		name,
		component,
		props: call.props,
		payload,
		registry: store.props,
		trigger: call.hydrate,
		rootMargin: call.options?.rootMargin,
		// The page's nonce (or, at build, the placeholder that becomes a hash): Svelte puts it on its data script.
		nonce: store.context.cspNonce
	});
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

/** One client island to render (see `renderHydrated`). */
export interface HydratedIsland {
	name: string;
	component: unknown;
	props: Record<string, unknown>;
	/** The props as devalue wrote them: the props block, once per payload in `registry`. */
	payload: string;
	registry: PropsRegistry;
	trigger: HydrateTrigger;
	rootMargin?: string;
	/**
	 * The CSP nonce Svelte writes on its `hydratable()` data script: the page's (`ctx.cspNonce`) in a page;
	 * in a fragment, the answer's data token, which is how `fragmentHead` finds that script. None: no nonce.
	 */
	nonce?: string;
}

/**
 * The markup of one client island: `body` goes where the island stands, `head` into the document head
 * (a page) or, for the fragment of a deferred + hydrated island, see `fragmentHead`.
 */
export async function renderHydrated(app: AppRuntime, island: HydratedIsland): Promise<{ head: string; body: string }> {
	const { name, trigger, rootMargin, nonce } = island;
	const url = clientChunk(app.clientIslands, name, 'hydrated');
	const rendered = await app.render(island.component as any, { props: island.props, csp: nonce ? { nonce } : undefined });
	const { id, script } = island.registry.ref(island.payload);
	const body = `${script ?? ''}${clientShellOpening({ name, trigger, url, propsId: id, rootMargin })}${rendered.body}</${ISLAND_TAG}>`;
	return { head: rendered.head, body };
}

/**
 * What of an island's head can travel inside its fetched fragment (the page's head is already built):
 * Svelte's `hydratable()` data, found by `token` (the nonce it was rendered with) and written as data
 * that carries the token (hydratable-data.ts), and, in dev, the components' styles. The island's own
 * `<svelte:head>` content is left to Svelte, which creates it in `document.head` as it hydrates; no
 * script in it ever runs as part of the fragment.
 */
export function fragmentHead(head: string, token?: string): string {
	let kept = '';
	if (token) {
		const open = `<script nonce="${token}">`;
		const start = head.indexOf(open);
		if (start !== -1) kept += hydratableData(head.slice(start + open.length, head.indexOf('</script>', start)), token);
	}
	for (const style of head.match(FRAGMENT_STYLES) ?? []) kept += style;
	return kept;
}
