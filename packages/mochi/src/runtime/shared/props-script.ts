// How hydrated islands carry their props: `<script type="application/json" id="mochi-props-N">`.
// Shared by the server, which writes them, and each client island's chunk, which reads them. The
// island runtime must never import this file: a module both import would become a second request.

export const PROPS_ID_PREFIX = 'mochi-props-';
export const PROPS_REF_ATTRIBUTE = 'props-ref';

/** Marks Svelte's `hydratable()` data scripts, which the runtime must run itself inside fetched fragments. */
export const HYDRATABLE_ATTRIBUTE = 'data-mochi-hydratable';

export type HydrateTrigger = 'load' | 'visible' | 'idle';
