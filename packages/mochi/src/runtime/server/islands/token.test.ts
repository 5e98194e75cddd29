import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_TOKEN_LENGTH, type IslandMode } from '../../shared/constants.js';
import { signToken, unverifiedPayload, verifyToken } from './token.js';
import { createKeyring, keyFromSecret } from './key.js';
import { MAX_PAYLOAD_BYTES } from './token-frame.js';

const key = keyFromSecret(Buffer.alloc(32, 7));
const keys = createKeyring([key]);
const otherKey = keyFromSecret(Buffer.alloc(32, 8));
const payload = '[{"user":1},42]';

/** The payload segment's bytes, built by hand from the documented layout. */
function frame(body: Buffer, options: { flags?: number; keyId?: number; issuedAt?: number; version?: number } = {}): Buffer {
	const header = Buffer.alloc(options.issuedAt === undefined ? 6 : 10);
	header[0] = options.version ?? 2;
	header[1] = (options.flags ?? 0) | (options.issuedAt === undefined ? 0 : 2);
	header.writeUInt32BE(options.keyId ?? key.keyId, 2);
	if (options.issuedAt !== undefined) header.writeUInt32BE(options.issuedAt, 6);
	return Buffer.concat([header, body]);
}

/** A token by hand from the documented layout, for payloads and modes `signToken` refuses. */
function forge(bytes: Buffer, name: string, mode: string, secret = key.secret): string {
	const mac = createHmac('sha256', secret)
		.update(Buffer.concat([Buffer.from(`mochi-island-v2\0${name}\0${mode}\0`), bytes]))
		.digest();
	return bytes.toString('base64url') + '.' + mac.toString('base64url');
}

function flipChar(text: string, index: number): string {
	const replacement = text[index] === 'A' ? 'B' : 'A';
	return text.slice(0, index) + replacement + text.slice(index + 1);
}

describe('signToken / verifyToken', () => {
	it.each<IslandMode>(['plain', 'hydrate'])('round-trips in %s mode', (mode) => {
		const token = signToken(key, 'Avatar', mode, payload);
		expect(verifyToken(keys, 'Avatar', token)).toEqual({ ok: true, payload, mode });
	});

	it('round-trips a unicode payload', () => {
		const unicode = '["héllo 🍡 世界 \\u0000", "\uFFFD"]';
		const token = signToken(key, 'Ünïcode', 'plain', unicode);
		expect(verifyToken(keys, 'Ünïcode', token)).toEqual({ ok: true, payload: unicode, mode: 'plain' });
	});

	it('follows the documented layout, so other implementations can interoperate', () => {
		const token = signToken(key, 'Avatar', 'plain', payload);
		expect(token).toBe(forge(frame(Buffer.from(payload)), 'Avatar', 'plain'));
		expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
		const bytes = Buffer.from(token.split('.')[0], 'base64url');
		expect([...bytes.subarray(0, 2)]).toEqual([2, 0]);
		expect(bytes.readUInt32BE(2)).toBe(key.keyId);
		expect(bytes.subarray(6).toString()).toBe(payload);
		expect(unverifiedPayload(token)).toBe(payload);
	});

	it('is deterministic', () => {
		expect(signToken(key, 'Avatar', 'plain', payload)).toBe(signToken(key, 'Avatar', 'plain', payload));
		expect(signToken(key, 'Avatar', 'hydrate', payload)).toBe(signToken(key, 'Avatar', 'hydrate', payload));
		expect(signToken(key, 'Avatar', 'plain', payload, { issuedAt: 1234 })).toBe(signToken(key, 'Avatar', 'plain', payload, { issuedAt: 1234 }));
		// A keyring built again from the same secret signs the same bytes: how instances agree.
		expect(signToken(keyFromSecret(Buffer.alloc(32, 7)), 'Avatar', 'plain', payload)).toBe(signToken(key, 'Avatar', 'plain', payload));
	});

	it('binds the mode: a plain token never verifies as hydrate, and vice versa', () => {
		const plain = signToken(key, 'Cart', 'plain', payload);
		const hydrate = signToken(key, 'Cart', 'hydrate', payload);
		// The frames differ only in the hydrate flag, which tells the verifier which one MAC to compute.
		expect(plain.split('.')[0]).not.toBe(hydrate.split('.')[0]);
		expect(plain).not.toBe(hydrate);
		// Flipping only that flag on a genuine token breaks it: the MAC covers the mode and the flag byte.
		const flipped = Buffer.from(plain.split('.')[0], 'base64url');
		flipped[1] |= 0b100;
		expect(verifyToken(keys, 'Cart', `${flipped.toString('base64url')}.${plain.split('.')[1]}`)).toEqual({ ok: false, reason: 'signature' });
		expect(verifyToken(keys, 'Cart', plain)).toMatchObject({ ok: true, mode: 'plain' });
		expect(verifyToken(keys, 'Cart', hydrate)).toMatchObject({ ok: true, mode: 'hydrate' });
		// A verifier that dropped the mode from the message (or swapped the two) would accept these.
		const bytes = frame(Buffer.from(payload));
		expect(plain).not.toBe(forge(bytes, 'Cart', 'hydrate'));
		expect(hydrate).not.toBe(forge(bytes, 'Cart', 'plain'));
		expect(verifyToken(keys, 'Cart', forge(bytes, 'Cart', ''))).toEqual({ ok: false, reason: 'signature' });
		expect(verifyToken(keys, 'Cart', forge(bytes, 'Cart', 'Plain'))).toEqual({ ok: false, reason: 'signature' });
	});

	it('rejects a flipped byte in the body, the key id or the MAC', () => {
		const token = signToken(key, 'Avatar', 'plain', payload);
		expect(verifyToken(keys, 'Avatar', flipChar(token, 12))).toEqual({ ok: false, reason: 'signature' });
		expect(verifyToken(keys, 'Avatar', flipChar(token, 4))).toMatchObject({ ok: false, reason: 'signature', detail: expect.stringMatching(/^unknown key id [0-9a-f]{8}$/) });
		expect(verifyToken(keys, 'Avatar', flipChar(token, token.indexOf('.') + 5))).toEqual({ ok: false, reason: 'signature' });
	});

	it('rejects the token of another island', () => {
		const token = signToken(key, 'Avatar', 'plain', payload);
		expect(verifyToken(keys, 'Avatar2', token)).toEqual({ ok: false, reason: 'signature' });
		expect(verifyToken(keys, 'avatar', token)).toEqual({ ok: false, reason: 'signature' });
	});

	it('cannot be replayed across names by moving text between name and payload', () => {
		// Signing refuses NUL in names, and verifying never accepts one.
		const token = forge(frame(Buffer.from('plain\0x')), 'A', 'plain');
		expect(verifyToken(keys, 'A\0plain', forge(frame(Buffer.from('x')), 'A\0plain', 'plain'))).toEqual({ ok: false, reason: 'signature' });
		expect(verifyToken(keys, 'A\0plain', token)).toEqual({ ok: false, reason: 'signature' });
		expect(() => signToken(key, 'A\0plain', 'plain', 'x')).toThrow(TypeError);
	});

	it('rejects a token signed with another key, and one that claims our key id with another secret', () => {
		expect(verifyToken(keys, 'Avatar', signToken(otherKey, 'Avatar', 'plain', payload))).toMatchObject({ ok: false, reason: 'signature' });
		expect(verifyToken(keys, 'Avatar', forge(frame(Buffer.from(payload)), 'Avatar', 'plain', otherKey.secret))).toEqual({ ok: false, reason: 'signature' });
	});

	const valid = signToken(key, 'Avatar', 'plain', payload);
	const [segment, macSegment] = valid.split('.');
	const mac = Buffer.from(macSegment, 'base64url');
	// 32 bytes take 43 characters, whose last one carries 2 unused bits: flipping one gives another
	// spelling of the same MAC, which Node's decoder accepts without a word.
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
	const nonCanonical = segment + '.' + macSegment.slice(0, 42) + alphabet[alphabet.indexOf(macSegment[42]) ^ 1];
	const body = Buffer.from(payload);
	it.each([
		['empty string', ''],
		['a lone dot', '.'],
		['a.b', 'a.b'],
		['one segment', segment],
		['one segment and a dot', segment + '.'],
		['a dot and one segment', '.' + macSegment],
		['three segments', valid + '.' + macSegment],
		['two dots', segment + '..' + macSegment],
		['standard base64 characters', valid.replace(/-/g, '+').replace(/_/g, '/') + '+/'],
		['a space', segment + '.' + macSegment.slice(0, 10) + ' ' + macSegment.slice(10)],
		['a percent escape', segment + '%2E' + macSegment],
		['non-ASCII characters', segment + 'é.' + macSegment],
		['padding on the MAC', valid + '='],
		['padding on the payload', segment + '=.' + macSegment],
		['padding in the middle', segment.slice(0, 4) + '==' + segment.slice(4) + '.' + macSegment],
		['an impossible base64url length', 'AAAAA.' + macSegment],
		['non-canonical trailing bits on the MAC', nonCanonical],
		['a MAC of 31 bytes', segment + '.' + mac.subarray(0, 31).toString('base64url')],
		['a MAC of 33 bytes', segment + '.' + Buffer.concat([mac, Buffer.from([0])]).toString('base64url')],
		['a MAC of 1 byte', segment + '.AA'],
		['a v1 token (no frame), correctly signed', forge(body, 'Avatar', 'plain')],
		['version 3, correctly signed', forge(frame(body, { version: 3 }), 'Avatar', 'plain')],
		['an unknown flag, correctly signed', forge(frame(body, { flags: 8 }), 'Avatar', 'plain')],
		['a frame with no body, correctly signed', forge(frame(Buffer.alloc(0)), 'Avatar', 'plain')],
		['an issue-time flag and no room for it', forge(frame(Buffer.from([1, 2, 3]), { flags: 2 }), 'Avatar', 'plain')],
		['a 5-byte frame', forge(frame(Buffer.alloc(0)).subarray(0, 5), 'Avatar', 'plain')],
		['payload bytes that are not UTF-8, correctly signed', forge(frame(Buffer.from([0x5b, 0xff, 0xfe, 0x5d])), 'Avatar', 'plain')],
		['a lone surrogate encoded in UTF-8, correctly signed', forge(frame(Buffer.from([0xed, 0xa0, 0x80])), 'Avatar', 'plain')],
		['an overlong UTF-8 encoding, correctly signed', forge(frame(Buffer.from([0xc0, 0xaf])), 'Avatar', 'plain')],
		['a deflate flag on a body that is not deflate, correctly signed', forge(frame(Buffer.from([0xff, 0xff, 0xff]), { flags: 1 }), 'Avatar', 'plain')]
	])('rejects %s as malformed', (_label, token) => {
		expect(verifyToken(keys, 'Avatar', token)).toEqual({ ok: false, reason: 'malformed' });
	});

	it('needs the canonical check: Node alone decodes the non-canonical MAC to the genuine one', () => {
		expect(nonCanonical).not.toBe(valid);
		expect(Buffer.from(nonCanonical.split('.')[1], 'base64url').equals(mac)).toBe(true);
	});

	it('refuses every other spelling of the last payload character, as re-encoding would (2 and 3 trailing characters)', () => {
		const tails = new Set<number>();
		for (const text of Array.from({ length: 6 }, (_, i) => `[{"a":"${'x'.repeat(i)}"}]`)) {
			const [first, second] = signToken(key, 'Avatar', 'plain', text).split('.');
			if (first.length % 4 === 0) continue;
			tails.add(first.length % 4);
			for (const char of alphabet) {
				const spelled = first.slice(0, -1) + char;
				const canonical = Buffer.from(spelled, 'base64url').toString('base64url') === spelled;
				const verdict = verifyToken(keys, 'Avatar', `${spelled}.${second}`);
				if (spelled === first) expect(verdict.ok).toBe(true);
				// Canonical: other bytes, so the MAC refuses them; not canonical: refused before any HMAC.
				else expect(verdict).toEqual({ ok: false, reason: canonical ? 'signature' : 'malformed' });
			}
		}
		expect([...tails].sort()).toEqual([2, 3]);
	});

	it('accepts names with well-formed surrogate pairs and refuses lone ones', () => {
		expect(verifyToken(keys, 'Ava😀tar', signToken(key, 'Ava😀tar', 'plain', payload)).ok).toBe(true);
		for (const lone of ['Ava\ud83dtar', 'Ava\ude00tar', 'Avatar\ud83d', '\ude00\ud83d']) {
			expect(() => signToken(key, lone, 'plain', payload)).toThrow(TypeError);
			expect(verifyToken(keys, lone, valid)).toMatchObject({ ok: false });
		}
	});

	it('refuses an over-long token as too-large before decoding it', () => {
		expect(verifyToken(keys, 'Avatar', 'A'.repeat(MAX_TOKEN_LENGTH + 1))).toEqual({ ok: false, reason: 'too-large' });
		expect(verifyToken(keys, 'Avatar', '%%%'.repeat(MAX_TOKEN_LENGTH))).toEqual({ ok: false, reason: 'too-large' });
		// A genuine token just over the limit is refused too: size is checked first.
		const big = forge(frame(Buffer.from('x'.repeat(MAX_TOKEN_LENGTH))), 'Avatar', 'plain');
		expect(big.length).toBeGreaterThan(MAX_TOKEN_LENGTH);
		expect(verifyToken(keys, 'Avatar', big)).toEqual({ ok: false, reason: 'too-large' });
	});

	it('signs and verifies a token near the maximum length', () => {
		// Random base64url text compresses only to about 3/4, so this token is close to the cap.
		const big = JSON.stringify([randomBytes(Math.floor(MAX_TOKEN_LENGTH * 0.68)).toString('base64url')]);
		const token = signToken(key, 'Avatar', 'plain', big);
		expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
		expect(token.length).toBeGreaterThan(MAX_TOKEN_LENGTH * 0.85);
		expect(verifyToken(keys, 'Avatar', token)).toEqual({ ok: true, payload: big, mode: 'plain' });
	});

	it('refuses to sign what it could not verify', () => {
		expect(() => signToken(key, 'Avatar', 'plain', '')).toThrow(TypeError);
		expect(() => signToken(key, 'Avatar', 'plain', '\uD800')).toThrow(TypeError);
		expect(() => signToken(key, '', 'plain', payload)).toThrow(TypeError);
		expect(() => signToken(key, 'Avatar', 'other' as IslandMode, payload)).toThrow(TypeError);
		expect(() => signToken(key, 'Avatar', 'plain', payload, { issuedAt: -1 })).toThrow(RangeError);
		expect(() => signToken(key, 'Avatar', 'plain', payload, { issuedAt: 2 ** 32 })).toThrow(RangeError);
		// Too long a token even compressed, and more text than the verifier would inflate.
		expect(() => signToken(key, 'Avatar', 'plain', randomBytes(300_000).toString('base64'))).toThrow(/Avatar.*too large.*characters/);
		expect(() => signToken(key, 'Avatar', 'plain', 'x'.repeat(MAX_PAYLOAD_BYTES + 1))).toThrow(/Avatar.*too large.*bytes of props/);
	});

	it('never throws, whatever arrives', () => {
		for (const junk of [undefined, null, 42, {}, [], Symbol.iterator] as unknown[]) {
			expect(verifyToken(keys, 'Avatar', junk as string)).toMatchObject({ ok: false });
		}
		expect(verifyToken(keys, undefined as unknown as string, valid)).toEqual({ ok: false, reason: 'signature' });
		expect(verifyToken(keys, '\uD800', valid)).toEqual({ ok: false, reason: 'signature' });
		expect(unverifiedPayload('junk')).toBeUndefined();
	});
});
