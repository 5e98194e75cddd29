import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestContext } from './context.js';
import type { Keyring } from './islands/token.js';
import type { SignedIsland } from './islands/island-attributes.js';
import type { PropsRegistry } from './islands/props-registry.js';
import type { render } from 'svelte/server';
import type { IncomingRequest } from './exchange.js';
import type { RenderDeadline } from './render-timeout.js';

/** What islands need from the app that serves the request (several apps may share one process). */
export interface AppRuntime {
	/** Client chunk URL of each hydrated island, by name (from the client build, or dev URLs). */
	clientIslands: Record<string, string>;
	/** Svelte's render from the app's own Svelte copy (see ServerManifest.render). */
	render: typeof render;
	/** Dev: components carry their own <style>, which a separately rendered island must bring along. */
	dev: boolean;
	/** `mochi({ islands: { maxAge } })`, in seconds: tokens signed during requests expire. Unset: never. */
	islandMaxAge?: number | null;
	/** Whether cookies the app sets are `Secure` unless it says otherwise (see AppOptions.secureCookies). Unset: on. */
	secureCookies?: boolean;
	/** `mochi({ server: { renderTimeout } })`: pages, islands and endpoints race it (render-timeout.ts). Unset: none. */
	deadline?: RenderDeadline;
	/**
	 * Streaming (stream-page.ts), null when `mochi({ islands: { stream: false } })`. `fetched`: names of islands
	 * that set a cookie or a header when streamed; from then on they are fetched (their answer carries those).
	 */
	stream?: { fetched: Set<string> } | null;
}

/** An eager island of a page that may stream: its slot is its index in `RequestState.stream`. */
export interface StreamSlot {
	name: string;
	token: string;
}

/** What one request carries besides its public context: work the framework itself records. */
export interface RequestState {
	context: RequestContext;
	/** The plain request (method, URL): what node/crash.ts names when the app leaves an error unhandled. */
	request: IncomingRequest;
	app: AppRuntime | null;
	/** Every island signed while rendering this request, in order (prerendering re-signs them at start-up). */
	islands: SignedIsland[];
	/** Props blocks of hydrated islands written into this response so far. */
	props: PropsRegistry;
	/** Head markup of client islands rendered into this page (their `<svelte:head>`, data scripts, dev styles). */
	head: string[];
	/** Island names `refreshIslands()` asked for (refresh-islands.ts); only an enhanced submission hears of them. */
	refresh?: Set<string>;
	/** Set while a page that may stream renders its own markup (render-page.ts): the islands given a slot. */
	stream?: StreamSlot[];
}

/** Process-wide server state: the key, the island registry and the per-request store. */
interface ServerState {
	storage: AsyncLocalStorage<RequestState>;
	/** The keys islands are signed and verified with (MOCHI_KEY; see islands/current-key.ts). */
	key: Keyring | null;
	/**
	 * Island component -> public name, added to by every app that starts. Keyed by the component
	 * object itself, so apps never collide, and weakly, so dev reloads don't pile up old components.
	 */
	islandNames: WeakMap<object, string>;
}

// Kept on globalThis on purpose: a page compiled by Vite and the server that renders it may load
// two copies of this module (a linked workspace package, a dev server runner, vitest). Request
// context and the key must be one thing whichever copy asks.
const KEY = Symbol.for('mochi-framework.server-state');
const holder = globalThis as typeof globalThis & { [KEY]?: ServerState };

export const state: ServerState = (holder[KEY] ??= {
	storage: new AsyncLocalStorage<RequestState>(),
	key: null,
	islandNames: new WeakMap()
});

/**
 * `fn` in the request's store, entered once per request: a hook already runs in it (hooks.ts), and the page,
 * island or endpoint it resolves to then runs there as it is, without a second AsyncLocalStorage `run`.
 */
export function inRequest<T>(store: RequestState, fn: () => T): T {
	return state.storage.getStore() === store ? fn() : state.storage.run(store, fn);
}
