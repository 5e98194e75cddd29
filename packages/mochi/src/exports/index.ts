// `mochi-framework`: what pages, layouts, islands and endpoints import on the server.
export { getRequestContext, type RequestContext } from '../runtime/server/context.js';
export type { Cookies, CookieOptions } from '../runtime/server/cookies.js';
export { error, HttpError } from '../runtime/server/http-error.js';
export { redirect, type RedirectStatus } from '../runtime/server/redirect.js';
export { json } from '../runtime/server/json.js';
export { fail, type Actions, type Action, type ActionFailure } from '../runtime/server/actions.js';
export type { PageProps, ActionData } from '../runtime/server/page-props.js';
export type { Entries } from '../runtime/server/entries.js';
export { sequence, type Handle, type Resolve } from '../runtime/server/sequence.js';
export type { RequestKind } from '../runtime/server/context.js';
export { refreshIslands } from '../runtime/server/refresh-islands.js';
