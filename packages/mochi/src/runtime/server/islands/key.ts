// MOCHI_KEY: the secrets that sign server-island props. It is read when the server starts (never
// baked in at build time) so that every instance and every deploy can share the keys: a per-build
// key would turn the islands of CDN-cached pages into 403s after each deploy.
//
// Rotation: `MOCHI_KEY=new,old` signs with `new` and still accepts tokens of `old`. Deploy that
// everywhere, wait until pages signed with `old` have aged out of caches, then deploy `new` alone.
import { createHash, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import type { Keyring, MochiKey } from './token.js';

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

/** One key. Messages describe what is wrong with the value but never repeat it: it may be a real secret. */
export function parseKey(value: string): MochiKey {
	return keyFromSecret(decode(String(value), (why) => invalid(`it ${why}`)));
}

/**
 * `MOCHI_KEY`'s value: one key, or several separated by commas, the one to sign with first. Each is
 * checked as `parseKey` checks one, and a message names its position (never its value).
 */
export function parseKeyring(value: string): Keyring {
	const parts = String(value).split(',');
	if (parts.length === 1) return createKeyring([parseKey(value)]);
	const hint = ' Separate keys with commas, the current one first.';
	const keys = parts.map((part, i) => keyFromSecret(decode(part, (why) => invalid(`key ${i + 1} of ${parts.length} ${why}`, hint))));
	return createKeyring(keys);
}

export function resolveKey(options: { value: string | undefined; production: boolean; warn: (msg: string) => void }): Keyring {
	if (options.value !== undefined && options.value.trim() !== '') return parseKeyring(options.value);
	// The server calls this once at start-up, so this is one warning per process.
	if (options.production) {
		options.warn(
			'MOCHI_KEY is not set: using a random key for this process. Several instances (or restarts) ' +
				'need one shared key, or their server islands will answer 403. Run `npx mochi create-key`.'
		);
	}
	return createKeyring([processKey()]);
}

/**
 * The keyring of `keys`, signing with the first; lookups by key id are one Map get. Positions in
 * messages count from 1, as in MOCHI_KEY.
 */
export function createKeyring(keys: readonly MochiKey[]): Keyring {
	if (keys.length === 0) throw new TypeError('A keyring needs at least one key');
	const byId = new Map<number, MochiKey>();
	keys.forEach((key, i) => {
		const earlier = byId.get(key.keyId);
		if (!earlier) return void byId.set(key.keyId, key);
		const which = `keys ${keys.indexOf(earlier) + 1} and ${i + 1}`;
		if (earlier.secret.equals(key.secret)) throw invalid(`${which} are the same key. List each key once, the current one first.`);
		// Tokens name their key by this id, so two keys sharing one could not both be accepted.
		throw invalid(`${which} share a key id (a one-in-four-billion chance): replace one with a new key.`);
	});
	return Object.freeze({ current: keys[0], byId });
}

// Kept on globalThis so that a module evaluated twice (Vite's SSR loader and plain Node in dev)
// still signs and verifies with the same key for the life of the process.
const PROCESS_KEY = Symbol.for('mochi.process-key');

/** This process's random key, for when MOCHI_KEY is unset (and for processes that never set one). */
export function processKey(): MochiKey {
	const store = globalThis as { [PROCESS_KEY]?: MochiKey };
	return (store[PROCESS_KEY] ??= keyFromSecret(randomBytes(KEY_BYTES)));
}

/**
 * A key from its 32 bytes. The key id is what tokens carry (token.ts): a one-way hash, so it can be
 * public. `secret` is non-enumerable and hidden from `console.log`, so logging a key shows its id only.
 */
export function keyFromSecret(secret: Buffer): MochiKey {
	const hash = createHash('sha256').update('mochi-key-id\0').update(secret).digest();
	const keyId = hash.readUInt32BE(0);
	const id = hash.subarray(0, 4).toString('hex');
	const key = { id, keyId } as { secret: Buffer; id: string; keyId: number };
	Object.defineProperty(key, 'secret', { value: secret, enumerable: false });
	Object.defineProperty(key, inspect.custom, { value: () => `MochiKey { id: '${id}' }` });
	return Object.freeze(key);
}

/** 32 bytes from one key's text; `fail` turns what is wrong ("is empty.") into the error to throw. */
function decode(value: string, fail: (why: string) => MochiKeyError): Buffer {
	const text = value.trim().replace(/={1,2}$/, '');
	if (text === '') throw fail('is empty.');
	if (!/^[A-Za-z0-9_-]+$/.test(text)) {
		throw fail('contains characters outside base64url (+, / or spaces?): it must be base64url of 32 random bytes.');
	}
	const secret = Buffer.from(text, 'base64url');
	if (secret.length !== KEY_BYTES) throw fail(`must be base64url of 32 random bytes, but it decodes to ${secret.length} bytes.`);
	return secret;
}

function invalid(why: string, hint = ''): MochiKeyError {
	return new MochiKeyError(`MOCHI_KEY is not valid: ${why}${hint} ${HELP}`);
}
