import { state } from '../state.js';
import { createKeyring, processKey } from './key.js';
import type { Keyring } from './token.js';

/** Install the keys the server resolved at start (see key.ts): sign with `current`, accept any. */
export function setKey(keys: Keyring): void {
	state.key = keys;
}

/**
 * The keys in use. A process that never set any (a component test, a script) gets this process's
 * random key so signing still works; servers always call setKey() first, from MOCHI_KEY.
 */
export function getKey(): Keyring {
	return (state.key ??= createKeyring([processKey()]));
}
