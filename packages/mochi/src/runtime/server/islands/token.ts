/**
 * Signed props for server islands.
 *
 * Layout: `base64url(payload) "." base64url(mac)`, unpadded, where `payload` is the UTF-8 devalue
 * envelope built elsewhere and
 *
 *     mac = HMAC-SHA256(key, "mochi-island-v1\0" + name + "\0" + mode + "\0" + payload)
 *
 * What the MAC covers, and why:
 * - the version tag, so a future format can never accept a token made for this one;
 * - the island's name, so a token cannot be replayed against another island (whose props would mean
 *   something else);
 * - the mode (`plain` / `hydrate`), so a shell that renders HTML only cannot be switched to ship a
 *   hydrating fragment. The mode is not written in the token: the verifier recomputes it (see
 *   `verifyToken`);
 * - the payload.
 * Names never contain NUL and modes are fixed words, so the NUL-separated message is unambiguous.
 *
 * Signing is deterministic (no IV, no timestamp): the same props give the same URL, which a CDN or
 * the browser can cache. The props are signed, not encrypted: anyone can read them, so never pass
 * secrets as props.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { MAX_TOKEN_LENGTH, type IslandMode } from '../../shared/constants.js';

/** `id` is a short fingerprint for logs; it never reveals the secret. */
export type MochiKey = { readonly secret: Buffer; readonly id: string };

export type VerifyResult =
	| { ok: true; payload: string; mode: IslandMode }
	| { ok: false; reason: 'malformed' | 'signature' | 'too-large' };

const VERSION_TAG = 'mochi-island-v1';
const MODES: readonly IslandMode[] = ['plain', 'hydrate'];
const MAC_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function signToken(key: MochiKey, name: string, mode: IslandMode, payload: string): string {
	if (!MODES.includes(mode)) throw new TypeError(`Unknown island mode ${JSON.stringify(mode)}`);
	if (!isValidName(name)) throw new TypeError(`Invalid island name ${JSON.stringify(name)}`);
	// An empty payload would give an empty segment, which the verifier refuses; a lone surrogate
	// would be replaced during UTF-8 encoding, so the signed bytes would not round-trip.
	if (payload === '' || !isWellFormed(payload)) {
		throw new TypeError(`The props payload of island "${name}" must be a non-empty, well-formed string`);
	}
	const bytes = Buffer.from(payload, 'utf8');
	const token = bytes.toString('base64url') + '.' + mac(key, name, mode, bytes).toString('base64url');
	// Failing here, at render time, names the island; otherwise every fetch of it would get a 414.
	if (token.length > MAX_TOKEN_LENGTH) {
		throw new RangeError(
			`The props of server island "${name}" are too large: its token is ${token.length} characters, ` +
				`more than the ${MAX_TOKEN_LENGTH} an island request may carry. Pass an id and load the data in the island.`
		);
	}
	return token;
}

/** Never throws: any string from the network gets a verdict. */
export function verifyToken(key: MochiKey, name: string, token: string): VerifyResult {
	if (typeof token !== 'string') return fail('malformed');
	// Checked before any decoding, so junk of any size costs one comparison.
	if (token.length > MAX_TOKEN_LENGTH) return fail('too-large');

	const dot = token.indexOf('.');
	if (dot === -1 || token.indexOf('.', dot + 1) !== -1) return fail('malformed');
	const bytes = decodeSegment(token.slice(0, dot));
	const given = decodeSegment(token.slice(dot + 1));
	if (!bytes || !given || given.length !== MAC_BYTES) return fail('malformed');

	let payload: string;
	try {
		payload = utf8.decode(bytes);
	} catch {
		return fail('malformed');
	}

	// Signing refuses such names, so no genuine token exists for them.
	if (typeof name !== 'string' || !isValidName(name)) return fail('signature');

	// The mode is not in the token, so we compute the MAC for both modes. Always both, in a fixed
	// order, with no early exit: the work per request is the same whatever the token holds, and it
	// is bounded (two HMACs over at most MAX_TOKEN_LENGTH bytes, a few microseconds). The two MACs
	// differ unless SHA-256 collides, so a token matches at most one mode and a `plain` token can
	// never come back as `hydrate`.
	let matched: IslandMode | undefined;
	for (const mode of MODES) {
		if (timingSafeEqual(mac(key, name, mode, bytes), given)) matched ??= mode;
	}
	return matched ? { ok: true, payload, mode: matched } : fail('signature');
}

function mac(key: MochiKey, name: string, mode: IslandMode, payload: Buffer): Buffer {
	return createHmac('sha256', key.secret)
		.update(`${VERSION_TAG}\0${name}\0${mode}\0`, 'utf8')
		.update(payload)
		.digest();
}

/**
 * Strict base64url: the alphabet only, no padding, and canonical — re-encoding the bytes must give
 * the segment back. Node's decoder quietly ignores stray characters and trailing bits, which would
 * let many strings stand for one token.
 */
function decodeSegment(segment: string): Buffer | undefined {
	if (!BASE64URL.test(segment) || segment.length % 4 === 1) return undefined;
	const bytes = Buffer.from(segment, 'base64url');
	return bytes.toString('base64url') === segment ? bytes : undefined;
}

function isValidName(name: string): boolean {
	return name !== '' && !name.includes('\0') && isWellFormed(name);
}

/** No lone surrogates (String.prototype.isWellFormed is newer than our TypeScript lib). */
function isWellFormed(value: string): boolean {
	return Buffer.from(value, 'utf8').toString('utf8') === value;
}

function fail(reason: 'malformed' | 'signature' | 'too-large'): VerifyResult {
	return { ok: false, reason };
}
