// Names of streamed islands (DESIGN.md §8), shared by the server (stream-page.ts) and the stream chunk.
// Apart from constants.ts on purpose, as enhance-constants.ts is: runtime/client/stream.ts must share no module
// with the island runtime, or the bundler would split that module into a third chunk. So the island names it
// needs are repeated here (constants.ts has the same values; repeated-names.test.ts checks that they agree).

/** The empty element after each streamed island's `<template>`, upgraded by runtime/client/stream.ts. */
export const STREAM_TAG = 'mochi-stream';

/** = ISLAND_TAG, STREAM_ATTRIBUTE, ISLAND_LOAD_EVENT and ISLAND_ERROR_EVENT of constants.ts. */
export const ISLAND_TAG = 'mochi-island';
export const STREAM_ATTRIBUTE = 'stream';
export const ISLAND_LOAD_EVENT = 'mochi:island-load';
export const ISLAND_ERROR_EVENT = 'mochi:island-error';
