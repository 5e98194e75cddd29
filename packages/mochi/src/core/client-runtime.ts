import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The browser runtime's entry, as compiled into this package's dist/. */
export const CLIENT_RUNTIME = fileURLToPath(new URL('../runtime/client/index.js', import.meta.url));

/** Enhanced forms' entry, loaded beside the runtime only by pages that have one (DESIGN.md §9). */
export const CLIENT_ENHANCE = fileURLToPath(new URL('../runtime/client/enhance.js', import.meta.url));

/** Streamed islands' entry, loaded beside the runtime only by pages that stream (DESIGN.md §8). */
export const CLIENT_STREAM = fileURLToPath(new URL('../runtime/client/stream.js', import.meta.url));

/** Client islands' code (when to hydrate, which code may run): a chunk the runtime imports only when one connects. */
export const CLIENT_ISLAND = fileURLToPath(new URL('../runtime/client/client-island.js', import.meta.url));

/** The URL the dev server serves one of these files at (Vite's `/@fs/` prefix, with `/` on every platform). */
export const devFileUrl = (file: string): string => `/@fs${file.split(path.sep).join('/')}`;
