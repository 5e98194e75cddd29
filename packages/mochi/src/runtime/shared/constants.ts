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
 * Set on an island answer (a 409) when the island or a hook threw `redirect()`: an absolute URL on the
 * page's origin, where the runtime sends the page instead of swapping anything in. Never a real 30x,
 * which fetch would follow.
 */
export const ISLAND_LOCATION_HEADER = 'x-mochi-island-location';

/**
 * Longest token accepted in a URL, in characters. Browsers and proxies commonly cap URLs near 8 KiB;
 * a longer GET token is refused with 414 before any decoding happens.
 */
export const MAX_URL_TOKEN_LENGTH = 8000;

/**
 * Tokens longer than this go to the island endpoint in a POST body (the runtime decides); GET URLs
 * stay under what browsers, proxies and CDNs reliably carry.
 */
export const MAX_GET_TOKEN_LENGTH = 4000;

/**
 * Longest token of all, in characters: what `island()` will sign (past it, rendering fails naming the
 * island) and the largest POST body the endpoint reads (checked against Content-Length first; 413).
 */
export const MAX_TOKEN_LENGTH = 256 * 1024;

/** `mochi({ server: { bodyLimit } })` unless set: bytes a request body may have (1 MiB), past it a 413. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * How much of a request body past its limit (an island token's, or `server.bodyLimit`) is read and dropped
 * before the 413 goes out: a client still sending when the server answers and closes gets a broken pipe
 * instead of the answer ("lingering close"). Past this, the server stops reading and closes the connection.
 */
export const BODY_DISCARD_LIMIT = 1024 * 1024;

/** How long the browser waits for one island before keeping its fallback for good. */
export const ISLAND_TIMEOUT_MS = 10_000;

/** Retries after a network error or a 502/503/504, with exponential backoff from ISLAND_RETRY_MS. */
export const ISLAND_RETRIES = 2;
export const ISLAND_RETRY_MS = 300;

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
	| 'expired' // 410: older than islands.maxAge; reloading the page gives a fresh token
	| 'too-large' // 413 / 414
	| 'redirect' // 409 with x-mochi-island-location: the page goes there (a runtime that predates it keeps the fallback)
	| 'render' // 500
	| 'timeout'; // 503: the island did not render within mochi({ server: { renderTimeout } })

export const ISLAND_ERROR_STATUS: Record<IslandErrorReason, number> = {
	method: 405,
	'unknown-island': 404,
	malformed: 400,
	signature: 403,
	expired: 410,
	'too-large': 414,
	redirect: 409,
	render: 500,
	timeout: 503
};

/** The hydrate trigger of a client island: `load`, `visible` or `idle`. */
export const HYDRATE_ATTRIBUTE = 'hydrate';
/** Marks a client-only island (`mochi:client`): its chunk mounts the component in place of the children. */
export const CLIENT_ATTRIBUTE = 'client';
/** URL of a client island's own chunk (its component, Svelte's `hydrate`, and runtime/client/hydrate.ts). */
export const COMPONENT_ATTRIBUTE = 'component';
/** The token of a hydrate-mode island answer's `hydratable()` data blocks (see HYDRATABLE_ATTRIBUTE in props-script.ts). */
export const HYDRATABLE_HEADER = 'x-mochi-hydratable';
/** Optional IntersectionObserver rootMargin for `hydrate="visible"` / `load="visible"`. */
export const ROOT_MARGIN_ATTRIBUTE = 'root-margin';

/** Events fired on a `<mochi-island>` element. */
export const ISLAND_LOAD_EVENT = 'mochi:island-load';
export const ISLAND_ERROR_EVENT = 'mochi:island-error';
/** Fired on a client island once Svelte has hydrated it. */
export const ISLAND_HYDRATE_EVENT = 'mochi:island-hydrate';

/**
 * On a shell of a streaming page (DESIGN.md §8): this island's HTML comes later in the page's own response, so
 * the runtime does not fetch it. The value is its slot (stream-constants.ts has the element that names it).
 */
export const STREAM_ATTRIBUTE = 'stream';
