import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestContext } from './context.js';
import type { MochiKey } from './islands/token.js';
import type { SignedIsland } from './islands/island-attributes.js';

/** What one request carries besides its public context: work the framework itself records. */
export interface RequestState {
	context: RequestContext;
	/** Every island signed while rendering this request, in order (prerendering re-signs them at start-up). */
	islands: SignedIsland[];
}

/** Process-wide server state: the key, the island registry and the per-request store. */
interface ServerState {
	storage: AsyncLocalStorage<RequestState>;
	key: MochiKey | null;
	/** Island component -> public name. Filled when the app's server entry loads. */
	islandNames: Map<unknown, string>;
}

// Kept on globalThis on purpose: a page compiled by Vite and the server that renders it may load
// two copies of this module (a linked workspace package, a dev server runner, vitest). Request
// context and the key must be one thing whichever copy asks.
const KEY = Symbol.for('mochi-framework.server-state');
const holder = globalThis as typeof globalThis & { [KEY]?: ServerState };

export const state: ServerState = (holder[KEY] ??= {
	storage: new AsyncLocalStorage<RequestState>(),
	key: null,
	islandNames: new Map()
});
