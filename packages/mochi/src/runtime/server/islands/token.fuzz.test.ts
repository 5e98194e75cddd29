// The decoder meets whatever bots put in a URL: mutate genuine tokens 50,000 times and check that
// nothing verifies and nothing throws. Seeded, so a failure reproduces.
import { describe, expect, it } from 'vitest';
import { signToken, verifyToken } from './token.js';
import { createKeyring, keyFromSecret } from './key.js';

const key = keyFromSecret(Buffer.alloc(32, 3));
// A second key in the ring, so a mutated key id can land on a real key (and must still fail).
const keys = createKeyring([key, keyFromSecret(Buffer.alloc(32, 4))]);
const NOW = Date.UTC(2030, 0, 1);
const rows = Array.from({ length: 60 }, (_, i) => ({ id: i, name: 'Ada 🍡', tags: ['a', 'b'] }));
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const EXTRA = ['.', '=', '+', '/', ' ', '%', '\0', 'é', '🍡', '\uD800', '\n'];

/** mulberry32: small, fast, and the same sequence everywhere. */
function prng(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function mutate(token: string, random: () => number): string {
	const int = (n: number) => Math.floor(random() * n);
	const char = () => (random() < 0.8 ? ALPHABET[int(ALPHABET.length)] : EXTRA[int(EXTRA.length)]);
	const at = int(token.length + 1);
	switch (int(8)) {
		case 7: // flip one bit of the decoded bytes and re-encode, so the MAC check is what must refuse it
			return flipBit(token, int);
		case 0: // replace one character
			return token.slice(0, at) + char() + token.slice(at + 1);
		case 1: // insert
			return token.slice(0, at) + char() + token.slice(at);
		case 2: // delete
			return token.slice(0, at) + token.slice(at + 1);
		case 3: // truncate
			return token.slice(0, at);
		case 4: // swap two characters
			return swap(token, at, int(token.length));
		case 5: // flip the case of a run
			return token.slice(0, at) + flipCase(token.slice(at, at + 4)) + token.slice(at + 4);
		default: // splice in a chunk of itself
			return token.slice(0, at) + token.slice(int(token.length), int(token.length)) + token.slice(at);
	}
}

function flipBit(token: string, int: (n: number) => number): string {
	const segments = token.split('.');
	const which = int(segments.length);
	const bytes = Buffer.from(segments[which], 'base64url');
	if (bytes.length === 0) return token;
	bytes[int(bytes.length)] ^= 1 << int(8);
	segments[which] = bytes.toString('base64url');
	return segments.join('.');
}

function flipCase(text: string): string {
	return text.replace(/[a-z]/gi, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
}

function swap(text: string, i: number, j: number): string {
	const chars = [...text];
	if (i >= chars.length) return text;
	[chars[i], chars[j]] = [chars[j], chars[i]];
	return chars.join('');
}

// Four shapes of genuine token: small plain, small hydrate, compressed, and one with an issue time.
const CASES = [
	{ label: 'plain', seed: 1, token: signToken(key, 'Avatar', 'plain', '[{"id":1,"name":"Ada 🍡"},"x",[1,2,3]]') },
	{ label: 'hydrate', seed: 2, token: signToken(key, 'Avatar', 'hydrate', '[{"id":1,"name":"Ada 🍡"},"x",[1,2,3]]') },
	{ label: 'compressed', seed: 3, token: signToken(key, 'Avatar', 'plain', JSON.stringify([{ rows: 1 }, rows])) },
	{ label: 'expiring', seed: 4, token: signToken(key, 'Avatar', 'plain', '[{"id":1}]', { issuedAt: NOW / 1000 }) }
];
const PER_CASE = 12_500;

describe('verifyToken under mutation', () => {
	it.each(CASES)('accepts no mutation of a $label token and never throws', ({ label, seed, token: valid }) => {
		const random = prng(seed);
		const reasons = new Map<string, number>();
		const accepted: string[] = [];
		const thrown: string[] = [];
		let tried = 0;
		let generated = 0;
		while (tried < PER_CASE) {
			generated++;
			let token = mutate(valid, random);
			if (random() < 0.3) token = mutate(token, random); // sometimes two at once
			if (token === valid) continue;
			tried++;
			try {
				const result = verifyToken(keys, 'Avatar', token, { maxAge: 3600, now: NOW });
				if (result.ok) accepted.push(token);
				else reasons.set(result.reason, (reasons.get(result.reason) ?? 0) + 1);
			} catch (error) {
				thrown.push(`${token}: ${error}`);
			}
		}
		console.log(`[fuzz] verifyToken, ${label} token: ${tried} mutations refused as ${JSON.stringify(Object.fromEntries(reasons))}`);
		expect(thrown).toEqual([]);
		expect(accepted).toEqual([]);
		expect(generated).toBeLessThan(PER_CASE * 1.1); // few mutations gave the token back unchanged
		// Both lines of defence were exercised, not just the parser.
		expect(reasons.get('malformed')).toBeGreaterThan(PER_CASE / 10);
		expect(reasons.get('signature')).toBeGreaterThan(PER_CASE / 10);
		// The genuine token still verifies: the fuzzing changed nothing.
		expect(verifyToken(keys, 'Avatar', valid, { maxAge: 3600, now: NOW })).toMatchObject({ ok: true });
	});
});
