// `mochi-framework/client`: for code in client islands. `reloadIslands(name?)` fetches server islands
// again in place (runtime/client/refresh.ts). The runtime itself (<mochi-island>) is added by Mochi to
// pages that need it; importing this module does not load it.
export { reloadIslands, type ReloadFailure } from '../runtime/client/refresh.js';
export type { IslandErrorDetail } from '../runtime/client/island-element.js';
