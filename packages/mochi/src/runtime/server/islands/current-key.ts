import { randomBytes, createHash } from 'node:crypto';
import { state } from '../state.js';
import type { MochiKey } from './token.js';

/** Install the key the server resolved at start (see key.ts). */
export function setKey(key: MochiKey): void {
	state.key = key;
}

/**
 * The key in use. A process that never set one (a component test, a script) gets a random key so
 * signing still works; servers always call setKey() first, from MOCHI_KEY.
 */
export function getKey(): MochiKey {
	if (!state.key) {
		const secret = randomBytes(32);
		const id = createHash('sha256').update(secret).digest('base64url').slice(0, 8);
		state.key = { secret, id };
	}
	return state.key;
}
