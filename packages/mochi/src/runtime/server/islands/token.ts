/**
 * Signed props for server islands, format v2.
 *
 * A token is `base64url(payload) "." base64url(mac)`, both unpadded. The payload is a small binary
 * frame (token-frame.ts) followed by the body:
 *
 *     byte 0      version, 2
 *     byte 1      flags: bit 0 = the body is deflate-raw, bit 1 = an issue time follows,
 *                 bit 2 = hydrate mode; others 0
 *     bytes 2-5   key id: the first 4 bytes of SHA-256("mochi-key-id\0" + secret)
 *     bytes 6-9   issue time, u32 big-endian seconds since the epoch (only with flag bit 1)
 *     the rest    body: the devalue text in UTF-8; deflate-raw compressed when it is over 1 KiB
 *                 and compression makes it smaller
 *
 *     mac = HMAC-SHA256(secret, "mochi-island-v2\0" + name + "\0" + mode + "\0" + payload)
 *
 * What the MAC covers, and why:
 * - the version tag, so no other format's token can ever pass for this one;
 * - the island's name, so a token cannot be replayed against another island (whose props would
 *   mean something else);
 * - the mode (`plain` / `hydrate`), so a shell that renders HTML only cannot be switched to ship a
 *   hydrating fragment. The flag bit only tells the verifier which single MAC to compute; flipping it
 *   breaks the MAC;
 * - the whole payload as sent, frame included: the key id, the flags and the issue time cannot be
 *   changed or stripped (an expiring token cannot be turned into one that never expires), and the
 *   compressed bytes are authenticated before anything inflates them.
 * Names never contain NUL and modes are fixed words, so the NUL-separated message is unambiguous.
 *
 * The key id picks the verifying key with one Map lookup, because MOCHI_KEY may hold several keys
 * during a rotation: a token from an unknown key is refused at once, never tried against each key.
 * It is a one-way hash of the secret, so it reveals nothing about it.
 *
 * Signing is deterministic (no IV, no random timestamp): the same props give the same URL, which a
 * CDN or the browser can cache. With `islands.maxAge` the issue time is in the frame (rounded, see
 * island-attributes.ts). The props are signed, not encrypted: anyone can read them, so never pass
 * secrets as props.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { MAX_TOKEN_LENGTH, type IslandMode } from '../../shared/constants.js';
import { FLAG_HYDRATE, MAX_PAYLOAD_BYTES, decodeFrame, encodeFrame, inflateBody } from './token-frame.js';

/** One key. `id` is a hex fingerprint for logs, `keyId` the same 4 bytes as tokens carry them. */
export type MochiKey = { readonly secret: Buffer; readonly id: string; readonly keyId: number };

/** The keys a server accepts (`MOCHI_KEY=current,older,…`); it signs with `current` only. */
export interface Keyring {
	readonly current: MochiKey;
	readonly byId: ReadonlyMap<number, MochiKey>;
}

export type VerifyFailure = 'malformed' | 'signature' | 'too-large' | 'expired';

export type VerifyResult =
	| { ok: true; payload: string; mode: IslandMode; issuedAt?: number }
	/** `detail` says more for the log (never for the client): e.g. `unknown key id 1a2b3c4d`. */
	| { ok: false; reason: VerifyFailure; detail?: string };

export interface VerifyOptions {
	/** Seconds a token with an issue time stays valid (`islands.maxAge`); unset: no expiry. */
	maxAge?: number | null;
	/** Milliseconds since the epoch; tests set it. */
	now?: number;
}

const VERSION_TAG = 'mochi-island-v2';
const MODES: readonly IslandMode[] = ['plain', 'hydrate'];
const MAC_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** `issuedAt`: seconds since the epoch, written in the frame so the endpoint can refuse stale tokens. */
export function signToken(key: MochiKey, name: string, mode: IslandMode, payload: string, options: { issuedAt?: number } = {}): string {
	if (!MODES.includes(mode)) throw new TypeError(`Unknown island mode ${JSON.stringify(mode)}`);
	if (!isValidName(name)) throw new TypeError(`Invalid island name ${JSON.stringify(name)}`);
	// An empty payload has nothing to parse; a lone surrogate would be replaced during UTF-8
	// encoding, so the signed bytes would not round-trip.
	if (payload === '' || !isWellFormed(payload)) {
		throw new TypeError(`The props payload of island "${name}" must be a non-empty, well-formed string`);
	}
	const { issuedAt } = options;
	if (issuedAt !== undefined && !(Number.isInteger(issuedAt) && issuedAt >= 0 && issuedAt <= 0xffffffff)) {
		throw new RangeError(`issuedAt must be whole seconds since the epoch, got ${issuedAt}`);
	}
	const text = Buffer.from(payload, 'utf8');
	// Failing here, at render time, names the island; otherwise every fetch of it would be refused.
	if (text.length > MAX_PAYLOAD_BYTES) throw tooLarge(name, `${text.length} bytes of props, more than ${MAX_PAYLOAD_BYTES}`);
	const bytes = encodeFrame(key.keyId, text, issuedAt, mode === 'hydrate');
	const token = bytes.toString('base64url') + '.' + mac(key, name, mode, bytes).toString('base64url');
	if (token.length > MAX_TOKEN_LENGTH) {
		throw tooLarge(name, `its token is ${token.length} characters, more than the ${MAX_TOKEN_LENGTH} an island request may carry`);
	}
	return token;
}

/** Never throws: any string from the network gets a verdict. */
export function verifyToken(keys: Keyring, name: string, token: string, options: VerifyOptions = {}): VerifyResult {
	if (typeof token !== 'string') return fail('malformed');
	// Checked before any decoding, so junk of any size costs one comparison.
	if (token.length > MAX_TOKEN_LENGTH) return fail('too-large');

	const dot = token.indexOf('.');
	if (dot === -1 || token.indexOf('.', dot + 1) !== -1) return fail('malformed');
	const bytes = decodeSegment(token.slice(0, dot));
	const given = decodeSegment(token.slice(dot + 1));
	if (!bytes || !given || given.length !== MAC_BYTES) return fail('malformed');
	const frame = decodeFrame(bytes);
	if (!frame) return fail('malformed');

	// Signing refuses such names, so no genuine token exists for them.
	if (typeof name !== 'string' || !isValidName(name)) return fail('signature');
	// Refusing an unknown id at once tells a client nothing it did not know: ids are in every token.
	const key = keys.byId.get(frame.keyId);
	if (!key) return fail('signature', `unknown key id ${frame.keyId.toString(16).padStart(8, '0')}`);

	// The frame says which mode the token claims; one HMAC checks the claim. The MAC covers the mode
	// (in its message and in the flag byte), so a `plain` token with the flag flipped fails here.
	const matched: IslandMode = frame.flags & FLAG_HYDRATE ? 'hydrate' : 'plain';
	if (!timingSafeEqual(mac(key, name, matched, bytes), given)) return fail('signature');

	// Only now is the issue time ours. A token without one (a prerendered page's) never expires; an
	// issue time ahead of our clock (another instance's skew) counts as fresh.
	const { maxAge } = options;
	if (maxAge != null && frame.issuedAt !== undefined) {
		const now = Math.floor((options.now ?? Date.now()) / 1000);
		if (now - frame.issuedAt > maxAge) return fail('expired');
	}
	const body = inflateBody(frame);
	if (typeof body === 'string') return fail(body);
	let payload: string;
	try {
		payload = utf8.decode(body);
	} catch {
		return fail('malformed');
	}
	if (frame.issuedAt === undefined) return { ok: true, payload, mode: matched };
	return { ok: true, payload, mode: matched, issuedAt: frame.issuedAt };
}

/**
 * The props text of a token, WITHOUT checking its MAC: for tests that read what a page placed
 * (mochi-framework/testing). Undefined when it is not a well-formed token.
 */
export function unverifiedPayload(token: string): string | undefined {
	const frame = decodeFrame(decodeSegment(token.slice(0, token.indexOf('.'))) ?? Buffer.alloc(0));
	const body = frame && inflateBody(frame);
	if (!body || typeof body === 'string') return undefined;
	try {
		return utf8.decode(body);
	} catch {
		return undefined;
	}
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
 * let many strings stand for one token. Once the alphabet and the length are checked, the only other
 * spelling of the same bytes sets the unused low bits of the last character: that is checked instead
 * of re-encoding (which allocated a second string per segment on every island request).
 */
function decodeSegment(segment: string): Buffer | undefined {
	const tail = segment.length % 4;
	if (tail === 1 || !BASE64URL.test(segment)) return undefined;
	// 2 characters carry 1 byte (4 bits unused), 3 carry 2 (2 bits unused).
	if (tail !== 0 && (sextet(segment.charCodeAt(segment.length - 1)) & (tail === 2 ? 0b1111 : 0b11)) !== 0) return undefined;
	return Buffer.from(segment, 'base64url');
}

/** The 6-bit value of a base64url character (the alphabet was checked). */
function sextet(code: number): number {
	if (code >= 0x61) return code - 0x61 + 26; // a-z
	if (code >= 0x41) return code === 0x5f ? 63 : code - 0x41; // A-Z, _
	return code === 0x2d ? 62 : code - 0x30 + 52; // -, 0-9
}

function isValidName(name: string): boolean {
	return name !== '' && !name.includes('\0') && isWellFormed(name);
}

/**
 * No lone surrogates (String.prototype.isWellFormed is newer than our TypeScript lib). A scan, not a
 * UTF-8 round trip: it runs on the island name of every request.
 */
function isWellFormed(value: string): boolean {
	for (let i = 0; i < value.length; i++) {
		const code = value.charCodeAt(i);
		if (code < 0xd800 || code > 0xdfff) continue;
		// A high surrogate must be followed by a low one; a low one alone is lone.
		if (code > 0xdbff) return false;
		const next = value.charCodeAt(i + 1);
		if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
		i++;
	}
	return true;
}

function tooLarge(name: string, why: string): RangeError {
	return new RangeError(`The props of server island "${name}" are too large: ${why}. Pass an id and load the data in the island.`);
}

function fail(reason: VerifyFailure, detail?: string): VerifyResult {
	return detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };
}
