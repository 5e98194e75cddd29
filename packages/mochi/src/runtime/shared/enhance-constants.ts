// Names of enhanced forms and island refreshes (DESIGN.md §9), shared by the server and the enhance chunk.
// Apart from constants.ts on purpose: the enhance entry (runtime/client/enhance.ts) must share no module
// with the island runtime, or the bundler would split that module into a third chunk every island page loads.
// So the three island names refresh.ts needs are repeated here (constants.ts has the same values; shared/repeated-names.test.ts checks they agree).

/** The attribute the preprocessor writes for `mochi:enhance` on a `<form>` (same length, for the source map). */
export const ENHANCE_ATTRIBUTE = 'mochi-enhance';
/** Sent by the runtime with an enhanced submission: the server then answers a redirect as a readable 204. */
export const ENHANCE_HEADER = 'x-mochi-enhance';
/** An enhanced submission's redirect target, which `fetch` would otherwise follow without telling. */
export const ENHANCE_LOCATION_HEADER = 'x-mochi-location';
/** The island names `refreshIslands()` asked for, comma-separated; sent only to enhanced submissions. */
export const REFRESH_HEADER = 'x-mochi-refresh';
/** Fired on an enhanced form whose submission got no answer; the form is as it was. */
export const ENHANCE_ERROR_EVENT = 'mochi:enhance-error';
/** Fired on an enhanced form once the islands its answer named have been fetched again. */
export const ENHANCE_LOAD_EVENT = 'mochi:enhance-load';

/** = ISLAND_TAG, TOKEN_ATTRIBUTE and ISLAND_ERROR_EVENT of constants.ts (shared/repeated-names.test.ts). */
export const ISLAND_TAG = 'mochi-island';
export const TOKEN_ATTRIBUTE = 'signed-props';
export const ISLAND_ERROR_EVENT = 'mochi:island-error';
