// `mochi-framework/testing`: component tests under vitest, with the app's own vite.config.ts.
export { withRequest, type TestRequest } from '../testing/test-request.js';
export { renderServer, type RenderServerOptions, type ServerRendered } from '../testing/render-server.js';
export { expectIsland, type ExpectedIsland } from '../testing/expect-island.js';
export type { PlacedIsland } from '../testing/placed-islands.js';
export type { SetCookie } from '../testing/set-cookie.js';
export type { CookieOptions } from '../runtime/server/cookies.js';
