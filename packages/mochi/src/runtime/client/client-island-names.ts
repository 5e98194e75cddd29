// The names client-island.ts needs, apart from shared/constants.ts on purpose: a module both the runtime and
// its client-island chunk import is placed in the runtime and re-exported to the chunk, which costs bytes on
// every server-island page. Same values as constants.ts (shared/repeated-names.test.ts checks they agree).

/** = COMPONENT_ATTRIBUTE: the client island's own entry, which the runtime imports. */
export const COMPONENT = 'component';
/** = `${ISLAND_TAG}[${TOKEN_ATTRIBUTE}]`: a server island's shell, around a deferred + hydrated island. */
export const SHELL = 'mochi-island[signed-props]';
/** = ISLAND_HYDRATE_EVENT and ISLAND_ERROR_EVENT. */
export const HYDRATE_EVENT = 'mochi:island-hydrate';
export const ERROR_EVENT = 'mochi:island-error';
