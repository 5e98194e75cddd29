import { fileURLToPath } from 'node:url';

/** The browser runtime's entry, as compiled into this package's dist/. */
export const CLIENT_RUNTIME = fileURLToPath(new URL('../runtime/client/index.js', import.meta.url));
