// MOCHI_KEY: the secret that signs server-island props. It is read when the server starts (never
// baked in at build time) so that every instance and every deploy can share one key: a per-build
// key would turn the islands of CDN-cached pages into 403s after each deploy.
import { createHash, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import type { MochiKey } from './token.js';

const KEY_BYTES = 32;
const HELP = 'Run `npx mochi create-key` to make one.';

/** A bad MOCHI_KEY: the server refuses to start with this message. */
export class MochiKeyError extends Error {
	override name = 'MochiKeyError';
}

/** What `mochi create-key` prints. */
export function createKey(): string {
	return randomBytes(KEY_BYTES).toString('base64url');
}

/** Messages describe what is wrong with the value but never repeat it: it may be a real secret. */
export function parseKey(value: string): MochiKey {
	const text = String(value).trim().replace(/={1,2}$/, '');
	if (text === '') throw invalid('it is empty.');
	if (!/^[A-Za-z0-9_-]+$/.test(text)) {
		throw invalid('it contains characters outside base64url (+, / or spaces?): it must be base64url of 32 random bytes.');
	}
	const secret = Buffer.from(text, 'base64url');
	if (secret.length !== KEY_BYTES) {
		throw invalid(`it must be base64url of 32 random bytes, but it decodes to ${secret.length} bytes.`);
	}
	return makeKey(secret);
}

export function resolveKey(options: {
	value: string | undefined;
	production: boolean;
	warn: (msg: string) => void;
}): MochiKey {
	if (options.value !== undefined && options.value.trim() !== '') return parseKey(options.value);
	// The server calls this once at start-up, so this is one warning per process.
	if (options.production) {
		options.warn(
			'MOCHI_KEY is not set: using a random key for this process. Several instances (or restarts) ' +
				'need one shared key, or their server islands will answer 403. Run `npx mochi create-key`.'
		);
	}
	return processKey();
}

// Kept on globalThis so that a module evaluated twice (Vite's SSR loader and plain Node in dev)
// still signs and verifies with the same key for the life of the process.
const PROCESS_KEY = Symbol.for('mochi.process-key');

function processKey(): MochiKey {
	const store = globalThis as { [PROCESS_KEY]?: MochiKey };
	return (store[PROCESS_KEY] ??= makeKey(randomBytes(KEY_BYTES)));
}

/** `secret` is non-enumerable and hidden from `console.log`, so logging the key shows only its id. */
function makeKey(secret: Buffer): MochiKey {
	const id = createHash('sha256')
		.update('mochi-key-id\0')
		.update(secret)
		.digest('base64url')
		.slice(0, 8);
	const key = { id } as { secret: Buffer; id: string };
	Object.defineProperty(key, 'secret', { value: secret, enumerable: false });
	Object.defineProperty(key, inspect.custom, { value: () => `MochiKey { id: '${id}' }` });
	return Object.freeze(key);
}

function invalid(why: string): MochiKeyError {
	return new MochiKeyError(`MOCHI_KEY is not valid: ${why} ${HELP}`);
}
