// The decoder meets whatever bots put in a URL: mutate a genuine token thousands of times and check
// that nothing verifies and nothing throws. Seeded, so a failure reproduces.
import { describe, expect, it } from 'vitest';
import { signToken, verifyToken, type MochiKey } from './token.js';

const key: MochiKey = { secret: Buffer.alloc(32, 3), id: 'fuzz' };
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

describe('verifyToken under mutation', () => {
	it.each(['plain', 'hydrate'] as const)('accepts no mutation of a %s token and never throws', (mode) => {
		const random = prng(mode === 'plain' ? 1 : 2);
		const valid = signToken(key, 'Avatar', mode, '[{"id":1,"name":"Ada 🍡"},"x",[1,2,3]]');
		const reasons = new Map<string, number>();
		let tried = 0;
		for (let i = 0; i < 4000; i++) {
			let token = mutate(valid, random);
			if (random() < 0.3) token = mutate(token, random); // sometimes two at once
			if (token === valid) continue;
			tried++;
			let result;
			expect(() => (result = verifyToken(key, 'Avatar', token))).not.toThrow();
			expect(result, token).toMatchObject({ ok: false });
			const { reason } = result as unknown as { reason: string };
			reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
		}
		expect(tried).toBeGreaterThan(3500);
		// Both lines of defence were exercised, not just the parser.
		expect(reasons.get('malformed')).toBeGreaterThan(500);
		expect(reasons.get('signature')).toBeGreaterThan(500);
	});
});
