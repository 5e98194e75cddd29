// How hydrated islands carry their props: `<script type="application/json" id="mochi-props-N">`.
// Shared by the server, which writes them, and each client island's chunk, which reads them. The
// island runtime must never import this file: a module both import would become a second request.

export const PROPS_ID_PREFIX = 'mochi-props-';
export const PROPS_REF_ATTRIBUTE = 'props-ref';

/**
 * Marks the `hydratable()` data blocks of a deferred + hydrated island's fragment (`<script
 * type="application/json">`, never code). Its value must equal the answer's `x-mochi-hydratable` header, a
 * random token per answer, or the block is ignored: markup rendered into the same fragment can't know it.
 */
export const HYDRATABLE_ATTRIBUTE = 'data-mochi-hydratable';

/** The devalue type of a `hydratable()` value that was a promise (Svelte's client expects a promise back). */
export const HYDRATABLE_PROMISE = 'Promise';

export type HydrateTrigger = 'load' | 'visible' | 'idle';
