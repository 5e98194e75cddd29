// How hydrated islands carry their props: `<script type="application/json" id="mochi-props-N">`.
// Shared so the server writes and the browser reads the same names.

export const PROPS_ID_PREFIX = 'mochi-props-';
export const PROPS_REF_ATTRIBUTE = 'props-ref';
/** The hydrate trigger of a client island: `load`, `visible` or `idle`. */
export const HYDRATE_ATTRIBUTE = 'hydrate';
/** URL of the island's client chunk (its component plus Svelte's `hydrate`). */
export const COMPONENT_ATTRIBUTE = 'component';
/** Optional IntersectionObserver rootMargin for `hydrate="visible"` / `load="visible"`. */
export const ROOT_MARGIN_ATTRIBUTE = 'root-margin';

/** Marks Svelte's `hydratable()` data scripts, which the runtime must run itself inside fetched fragments. */
export const HYDRATABLE_ATTRIBUTE = 'data-mochi-hydratable';

export type HydrateTrigger = 'load' | 'visible' | 'idle';
