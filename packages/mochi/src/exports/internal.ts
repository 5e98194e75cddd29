// `mochi-framework/internal`: imported by code Mochi generates (compiled pages, the server entry).
// Not a public API: it can change in any release.
export { island } from '../runtime/server/islands/island-attributes.js';
export { createApp, type MochiApp } from '../runtime/server/app.js';
export type { ServerManifest, ClientAssets } from '../runtime/server/app-types.js';
export { hydrated } from '../runtime/server/islands/hydrated.js';
export { clientOnly } from '../runtime/server/islands/client-only.js';
