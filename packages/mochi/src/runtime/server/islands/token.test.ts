import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_TOKEN_LENGTH, type IslandMode } from '../../shared/constants.js';
import { signToken, verifyToken, type MochiKey } from './token.js';

const key: MochiKey = { secret: Buffer.alloc(32, 7), id: 'test-key' };
const otherKey: MochiKey = { secret: Buffer.alloc(32, 8), id: 'other' };
const payload = '[{"user":1},42]';

/** Builds a token by hand from the documented layout, for payloads and modes `signToken` refuses. */
function forge(bytes: Buffer, name: string, mode: string, secret = key.secret): string {
	const mac = createHmac('sha256', secret)
		.update(Buffer.concat([Buffer.from(`mochi-island-v1\0${name}\0${mode}\0`), bytes]))
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
		expect(verifyToken(key, 'Avatar', token)).toEqual({ ok: true, payload, mode });
	});

	it('round-trips a unicode payload', () => {
		const unicode = '["héllo 🍡 世界 \\u0000", "\uFFFD"]';
		const token = signToken(key, 'Ünïcode', 'plain', unicode);
		expect(verifyToken(key, 'Ünïcode', token)).toEqual({ ok: true, payload: unicode, mode: 'plain' });
	});

	it('follows the documented layout, so other implementations can interoperate', () => {
		const token = signToken(key, 'Avatar', 'plain', payload);
		expect(token).toBe(forge(Buffer.from(payload), 'Avatar', 'plain'));
		expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
	});

	it('is deterministic', () => {
		expect(signToken(key, 'Avatar', 'plain', payload)).toBe(signToken(key, 'Avatar', 'plain', payload));
		expect(signToken(key, 'Avatar', 'hydrate', payload)).toBe(signToken(key, 'Avatar', 'hydrate', payload));
	});

	it('binds the mode: a plain token never verifies as hydrate, and vice versa', () => {
		const plain = signToken(key, 'Cart', 'plain', payload);
		const hydrate = signToken(key, 'Cart', 'hydrate', payload);
		// Same payload segment, different MAC: the mode lives only in the MAC.
		expect(plain.split('.')[0]).toBe(hydrate.split('.')[0]);
		expect(plain).not.toBe(hydrate);
		expect(verifyToken(key, 'Cart', plain)).toMatchObject({ ok: true, mode: 'plain' });
		expect(verifyToken(key, 'Cart', hydrate)).toMatchObject({ ok: true, mode: 'hydrate' });
		// A verifier that dropped the mode from the message (or swapped the two) would accept these.
		expect(plain).not.toBe(forge(Buffer.from(payload), 'Cart', 'hydrate'));
		expect(hydrate).not.toBe(forge(Buffer.from(payload), 'Cart', 'plain'));
		expect(verifyToken(key, 'Cart', forge(Buffer.from(payload), 'Cart', ''))).toEqual({ ok: false, reason: 'signature' });
		expect(verifyToken(key, 'Cart', forge(Buffer.from(payload), 'Cart', 'Plain'))).toEqual({ ok: false, reason: 'signature' });
	});

	it('rejects a flipped byte in the payload segment', () => {
		const token = signToken(key, 'Avatar', 'plain', payload);
		expect(verifyToken(key, 'Avatar', flipChar(token, 3))).toEqual({ ok: false, reason: 'signature' });
	});

	it('rejects a flipped byte in the MAC segment', () => {
		const token = signToken(key, 'Avatar', 'plain', payload);
		expect(verifyToken(key, 'Avatar', flipChar(token, token.indexOf('.') + 5))).toEqual({ ok: false, reason: 'signature' });
	});

	it('rejects the token of another island', () => {
		const token = signToken(key, 'Avatar', 'plain', payload);
		expect(verifyToken(key, 'Avatar2', token)).toEqual({ ok: false, reason: 'signature' });
		expect(verifyToken(key, 'avatar', token)).toEqual({ ok: false, reason: 'signature' });
	});

	it('cannot be replayed across names by moving text between name and payload', () => {
		// Signing refuses NUL in names, and verifying never accepts one.
		const token = forge(Buffer.from('plain\0x'), 'A', 'plain');
		expect(verifyToken(key, 'A\0plain', forge(Buffer.from('x'), 'A\0plain', 'plain'))).toEqual({ ok: false, reason: 'signature' });
		expect(verifyToken(key, 'A\0plain', token)).toEqual({ ok: false, reason: 'signature' });
		expect(() => signToken(key, 'A\0plain', 'plain', 'x')).toThrow(TypeError);
	});

	it('rejects a token signed with another key', () => {
		const token = signToken(otherKey, 'Avatar', 'plain', payload);
		expect(verifyToken(key, 'Avatar', token)).toEqual({ ok: false, reason: 'signature' });
	});

	const valid = signToken(key, 'Avatar', 'plain', payload);
	const [segment, macSegment] = valid.split('.');
	const mac = Buffer.from(macSegment, 'base64url');
	// 32 bytes take 43 characters, whose last one carries 2 unused bits: flipping one gives another
	// spelling of the same MAC, which Node's decoder accepts without a word.
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
	const nonCanonical = segment + '.' + macSegment.slice(0, 42) + alphabet[alphabet.indexOf(macSegment[42]) ^ 1];
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
		['payload bytes that are not UTF-8, correctly signed', forge(Buffer.from([0x5b, 0xff, 0xfe, 0x5d]), 'Avatar', 'plain')],
		['a lone surrogate encoded in UTF-8, correctly signed', forge(Buffer.from([0xed, 0xa0, 0x80]), 'Avatar', 'plain')],
		['an overlong UTF-8 encoding, correctly signed', forge(Buffer.from([0xc0, 0xaf]), 'Avatar', 'plain')]
	])('rejects %s as malformed', (_label, token) => {
		expect(verifyToken(key, 'Avatar', token)).toEqual({ ok: false, reason: 'malformed' });
	});

	it('needs the canonical check: Node alone decodes the non-canonical MAC to the genuine one', () => {
		expect(nonCanonical).not.toBe(valid);
		expect(Buffer.from(nonCanonical.split('.')[1], 'base64url').equals(mac)).toBe(true);
	});

	it('refuses an over-long token as too-large before decoding it', () => {
		expect(verifyToken(key, 'Avatar', 'A'.repeat(MAX_TOKEN_LENGTH + 1))).toEqual({ ok: false, reason: 'too-large' });
		expect(verifyToken(key, 'Avatar', '%%%'.repeat(MAX_TOKEN_LENGTH))).toEqual({ ok: false, reason: 'too-large' });
		// A genuine token just over the limit is refused too: size is checked first.
		const big = forge(Buffer.from('x'.repeat(MAX_TOKEN_LENGTH)), 'Avatar', 'plain');
		expect(big.length).toBeGreaterThan(MAX_TOKEN_LENGTH);
		expect(verifyToken(key, 'Avatar', big)).toEqual({ ok: false, reason: 'too-large' });
	});

	it('signs and verifies a token of exactly the maximum length', () => {
		// 43 MAC characters and a dot; the rest is base64url of the payload.
		const maxPayload = 'x'.repeat(Math.floor(((MAX_TOKEN_LENGTH - 44) * 3) / 4));
		const token = signToken(key, 'Avatar', 'plain', maxPayload);
		expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
		expect(verifyToken(key, 'Avatar', token)).toMatchObject({ ok: true });
	});

	it('refuses to sign what it could not verify', () => {
		expect(() => signToken(key, 'Avatar', 'plain', '')).toThrow(TypeError);
		expect(() => signToken(key, 'Avatar', 'plain', '\uD800')).toThrow(TypeError);
		expect(() => signToken(key, '', 'plain', payload)).toThrow(TypeError);
		expect(() => signToken(key, 'Avatar', 'other' as IslandMode, payload)).toThrow(TypeError);
		expect(() => signToken(key, 'Avatar', 'plain', 'x'.repeat(MAX_TOKEN_LENGTH))).toThrow(/Avatar.*too large/);
	});

	it('never throws, whatever arrives', () => {
		for (const junk of [undefined, null, 42, {}, [], Symbol.iterator] as unknown[]) {
			expect(verifyToken(key, 'Avatar', junk as string)).toMatchObject({ ok: false });
		}
		expect(verifyToken(key, undefined as unknown as string, valid)).toEqual({ ok: false, reason: 'signature' });
		expect(verifyToken(key, '\uD800', valid)).toEqual({ ok: false, reason: 'signature' });
	});
});
