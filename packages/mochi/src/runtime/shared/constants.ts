// Names and limits shared by the build, the server runtime and the browser runtime.
// Nothing here may import Node built-ins: the browser bundle imports this file.

/** Where the island endpoint and built client assets live unless `mochi({ assetPrefix })` says otherwise. */
export const DEFAULT_ASSET_PREFIX = '/_mochi';

/** The custom element that wraps every server island in a page shell. */
export const ISLAND_TAG = 'mochi-island';

/** Attribute holding an island's token in the shell. */
export const TOKEN_ATTRIBUTE = 'signed-props';

/** Query parameter carrying the token on `GET {assetPrefix}/island/{Name}?p=TOKEN`. */
export const TOKEN_PARAM = 'p';

/** Response header that says why an island request was refused or failed. */
export const ISLAND_ERROR_HEADER = 'x-mochi-island-error';

/**
 * Longest token accepted in a URL, in characters. Browsers and proxies commonly cap URLs near 8 KiB;
 * a longer token is refused with 414 before any decoding happens.
 */
export const MAX_TOKEN_LENGTH = 8000;

/** `plain`: the fragment is HTML only. `hydrate`: the fragment is hydrated once swapped in. */
export type IslandMode = 'plain' | 'hydrate';

/** When the browser fetches a deferred island. */
export type IslandLoad = 'eager' | 'visible';

/** Why an island request was refused or failed; sent in `x-mochi-island-error`. */
export type IslandErrorReason =
	| 'method' // 405
	| 'unknown-island' // 404
	| 'malformed' // 400
	| 'signature' // 403
	| 'too-large' // 413 / 414
	| 'render'; // 500

export const ISLAND_ERROR_STATUS: Record<IslandErrorReason, number> = {
	method: 405,
	'unknown-island': 404,
	malformed: 400,
	signature: 403,
	'too-large': 414,
	render: 500
};

/** Events fired on a `<mochi-island>` element. */
export const ISLAND_LOAD_EVENT = 'mochi:island-load';
export const ISLAND_ERROR_EVENT = 'mochi:island-error';
/** Fired on a client island once Svelte has hydrated it. */
export const ISLAND_HYDRATE_EVENT = 'mochi:island-hydrate';
