// MOCHI_KEY=new,old: tokens are signed with the first key and accepted with any, and the key is
// found by the id in the token's frame, never by trying each key in turn.
import { describe, expect, it } from 'vitest';
import { createKey, createKeyring, keyFromSecret, parseKey, parseKeyring } from './key.js';
import { signToken, verifyToken, type MochiKey } from './token.js';

const [oldValue, newValue, strangerValue] = [createKey(), createKey(), createKey()];
const payload = '[{"user":1},42]';

describe('key rotation', () => {
	it('keeps tokens of the old key working once MOCHI_KEY is new,old', () => {
		const before = parseKeyring(oldValue);
		const during = parseKeyring(`${newValue},${oldValue}`);
		const oldToken = signToken(before.current, 'Avatar', 'plain', payload);
		expect(verifyToken(during, 'Avatar', oldToken)).toEqual({ ok: true, payload, mode: 'plain' });
	});

	it('signs with the new key, which verifies during the rotation and after it', () => {
		const during = parseKeyring(`${newValue}, ${oldValue}`);
		const token = signToken(during.current, 'Avatar', 'hydrate', payload);
		expect(token).toBe(signToken(parseKey(newValue), 'Avatar', 'hydrate', payload));
		expect(verifyToken(during, 'Avatar', token)).toMatchObject({ ok: true, mode: 'hydrate' });
		expect(verifyToken(parseKeyring(newValue), 'Avatar', token)).toMatchObject({ ok: true, mode: 'hydrate' });
		// An instance not yet deployed (old key only) refuses it: why rotations add the new key first.
		expect(verifyToken(parseKeyring(oldValue), 'Avatar', token)).toMatchObject({ ok: false, reason: 'signature' });
	});

	it('refuses a token of a key that is not in the ring', () => {
		const token = signToken(parseKey(strangerValue), 'Avatar', 'plain', payload);
		const result = verifyToken(parseKeyring(`${newValue},${oldValue}`), 'Avatar', token);
		expect(result).toEqual({ ok: false, reason: 'signature', detail: `unknown key id ${parseKey(strangerValue).id}` });
	});

	it('stops accepting the old key once it is dropped', () => {
		const oldToken = signToken(parseKey(oldValue), 'Avatar', 'plain', payload);
		expect(verifyToken(parseKeyring(newValue), 'Avatar', oldToken)).toMatchObject({ ok: false, reason: 'signature' });
	});
});

/** A key whose secret counts its reads: each read is one HMAC computed with it. */
function countingKey(value: string): { key: MochiKey; reads: () => number } {
	const real = parseKey(value);
	let reads = 0;
	const key = {
		id: real.id,
		keyId: real.keyId,
		get secret() {
			reads++;
			return real.secret;
		}
	};
	return { key, reads: () => reads };
}

describe('key lookup', () => {
	const values = Array.from({ length: 8 }, () => createKey());

	it('computes MACs with the key the token names and no other', () => {
		const counted = values.map(countingKey);
		const keys = createKeyring(counted.map((each) => each.key));
		const token = signToken(keyFromSecret(parseKey(values[5]).secret), 'Avatar', 'plain', payload);
		expect(verifyToken(keys, 'Avatar', token)).toMatchObject({ ok: true });
		// One MAC (the frame says which mode to check) with key 6, none with the seven others.
		expect(counted.map((each) => each.reads())).toEqual([0, 0, 0, 0, 0, 1, 0, 0]);
	});

	it('refuses an unknown key id without computing a single MAC', () => {
		const counted = values.map(countingKey);
		const keys = createKeyring(counted.map((each) => each.key));
		for (let i = 0; i < 100; i++) {
			const token = signToken(parseKey(createKey()), 'Avatar', 'plain', payload);
			expect(verifyToken(keys, 'Avatar', token)).toMatchObject({ ok: false, reason: 'signature' });
		}
		expect(counted.map((each) => each.reads())).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
	});

	it('does not fall back to other keys when the named key rejects the MAC', () => {
		const counted = values.map(countingKey);
		const keys = createKeyring(counted.map((each) => each.key));
		const token = signToken(parseKey(values[2]), 'Avatar', 'plain', payload);
		const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BA' : 'AA');
		expect(verifyToken(keys, 'Avatar', tampered)).toMatchObject({ ok: false, reason: 'signature' });
		expect(counted.map((each) => each.reads())).toEqual([0, 0, 1, 0, 0, 0, 0, 0]);
	});
});
