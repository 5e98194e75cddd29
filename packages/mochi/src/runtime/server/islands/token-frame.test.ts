// Compression of token bodies: large repetitive props shrink, small or incompressible ones go as
// they are, and what arrives compressed is inflated only after its MAC, under a cap, never throwing.
import { createHmac, randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import * as devalue from 'devalue';
import { describe, expect, it } from 'vitest';
import { signToken, verifyToken } from './token.js';
import { createKeyring, keyFromSecret } from './key.js';
import { COMPRESS_ABOVE_BYTES, FLAG_DEFLATE, MAX_PAYLOAD_BYTES, decodeFrame, encodeFrame } from './token-frame.js';

const key = keyFromSecret(Buffer.alloc(32, 5));
const keys = createKeyring([key]);

function flagsOf(token: string): number {
	return Buffer.from(token.split('.')[0], 'base64url')[1];
}

/** A correctly signed token whose body is `body`, flagged as deflate: what only a key holder can make. */
function signedDeflate(body: Buffer, name = 'Avatar'): string {
	const bytes = Buffer.concat([Buffer.from([2, FLAG_DEFLATE]), Buffer.alloc(4), body]);
	bytes.writeUInt32BE(key.keyId, 2);
	const mac = createHmac('sha256', key.secret).update(`mochi-island-v2\0${name}\0plain\0`).update(bytes).digest();
	return bytes.toString('base64url') + '.' + mac.toString('base64url');
}

describe('token compression', () => {
	const rows = Array.from({ length: 200 }, (_, i) => ({ id: i % 3, name: 'Daifuku', tags: ['sweet', 'mochi'], when: new Date(0) }));
	const large = devalue.stringify({ rows });

	it('compresses large repetitive props, flags them, and round-trips them exactly', () => {
		expect(Buffer.byteLength(large)).toBeGreaterThan(COMPRESS_ABOVE_BYTES);
		const token = signToken(key, 'Avatar', 'plain', large);
		expect(flagsOf(token) & FLAG_DEFLATE).toBe(FLAG_DEFLATE);
		expect(token.length).toBeLessThan(Buffer.from(large).toString('base64url').length / 4);
		const result = verifyToken(keys, 'Avatar', token);
		expect(result).toEqual({ ok: true, payload: large, mode: 'plain' });
		expect(devalue.parse((result as { payload: string }).payload)).toEqual({ rows });
	});

	it('signs compressed props deterministically', () => {
		expect(signToken(key, 'Avatar', 'plain', large)).toBe(signToken(keyFromSecret(Buffer.alloc(32, 5)), 'Avatar', 'plain', large));
	});

	it('leaves small props uncompressed, even when they would compress', () => {
		const small = JSON.stringify(['a'.repeat(COMPRESS_ABOVE_BYTES - 10)]);
		expect(Buffer.byteLength(small)).toBeLessThanOrEqual(COMPRESS_ABOVE_BYTES);
		expect(flagsOf(signToken(key, 'Avatar', 'plain', small)) & FLAG_DEFLATE).toBe(0);
		expect(flagsOf(signToken(key, 'Avatar', 'plain', '[1]')) & FLAG_DEFLATE).toBe(0);
	});

	it('sends a body as it is when deflate would not make it smaller', () => {
		const noise = randomBytes(4096);
		const bytes = encodeFrame(key.keyId, noise);
		expect(bytes[1] & FLAG_DEFLATE).toBe(0);
		expect(bytes.subarray(6).equals(noise)).toBe(true);
		expect(decodeFrame(bytes)).toEqual({ flags: 0, keyId: key.keyId, body: noise });
	});

	it('inflates up to the cap exactly', () => {
		const text = Buffer.from(JSON.stringify(['x'.repeat(MAX_PAYLOAD_BYTES - 4)]));
		expect(text.length).toBe(MAX_PAYLOAD_BYTES);
		const token = signToken(key, 'Avatar', 'plain', text.toString());
		expect(verifyToken(keys, 'Avatar', token)).toMatchObject({ ok: true });
	});

	it('refuses a decompression bomb as too-large, without throwing or inflating it all', () => {
		const bomb = deflateRawSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
		const token = signedDeflate(bomb);
		expect(token.length).toBeLessThan(256 * 1024); // it fits in a request
		const started = performance.now();
		expect(verifyToken(keys, 'Avatar', token)).toEqual({ ok: false, reason: 'too-large' });
		expect(performance.now() - started).toBeLessThan(1000);
		// One byte over the cap is over.
		expect(verifyToken(keys, 'Avatar', signedDeflate(deflateRawSync(Buffer.alloc(MAX_PAYLOAD_BYTES + 1, 0x20))))).toEqual({
			ok: false,
			reason: 'too-large'
		});
	});

	it('refuses a broken or truncated deflate body as malformed', () => {
		const good = deflateRawSync(Buffer.from(JSON.stringify(['y'.repeat(5000)])));
		expect(verifyToken(keys, 'Avatar', signedDeflate(good))).toMatchObject({ ok: true });
		expect(verifyToken(keys, 'Avatar', signedDeflate(good.subarray(0, good.length - 4)))).toEqual({ ok: false, reason: 'malformed' });
		expect(verifyToken(keys, 'Avatar', signedDeflate(randomBytes(64)))).toMatchObject({ ok: false });
	});

	it('never inflates a body whose MAC does not check out', () => {
		const bomb = signedDeflate(deflateRawSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 }));
		// Signed for another island: refused on the signature, before any inflating.
		expect(verifyToken(keys, 'Other', bomb)).toEqual({ ok: false, reason: 'signature' });
	});
});
