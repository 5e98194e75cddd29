// islands.maxAge: tokens signed during requests carry an issue time in their signed frame; the
// verifier refuses them once stale. Tokens without one (prerendered pages) never expire.
import { describe, expect, it } from 'vitest';
import { signToken, verifyToken } from './token.js';
import { createKeyring, keyFromSecret } from './key.js';
import { island, issueTime } from './island-attributes.js';
import { state, type AppRuntime, type RequestState } from '../state.js';
import { FLAG_ISSUED_AT } from './token-frame.js';

const key = keyFromSecret(Buffer.alloc(32, 9));
const keys = createKeyring([key]);
const payload = '[{"user":1},42]';
const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const seconds = NOW / 1000;

function frameOf(token: string): Buffer {
	return Buffer.from(token.split('.')[0], 'base64url');
}

describe('token expiry', () => {
	const token = signToken(key, 'Avatar', 'plain', payload, { issuedAt: seconds });

	it('writes the issue time into the signed frame', () => {
		const frame = frameOf(token);
		expect(frame[1] & FLAG_ISSUED_AT).toBe(FLAG_ISSUED_AT);
		expect(frame.readUInt32BE(6)).toBe(seconds);
		expect(frame.subarray(10).toString()).toBe(payload);
	});

	it('accepts a fresh token, up to maxAge seconds old', () => {
		expect(verifyToken(keys, 'Avatar', token, { maxAge: 60, now: NOW })).toEqual({ ok: true, payload, mode: 'plain', issuedAt: seconds });
		expect(verifyToken(keys, 'Avatar', token, { maxAge: 60, now: NOW + 60_999 })).toMatchObject({ ok: true });
	});

	it('refuses a stale token as expired', () => {
		expect(verifyToken(keys, 'Avatar', token, { maxAge: 60, now: NOW + 61_000 })).toEqual({ ok: false, reason: 'expired' });
		expect(verifyToken(keys, 'Avatar', token, { maxAge: 1, now: NOW + 86_400_000 })).toEqual({ ok: false, reason: 'expired' });
	});

	it('counts an issue time ahead of the clock (another instance’s skew) as fresh', () => {
		expect(verifyToken(keys, 'Avatar', token, { maxAge: 60, now: NOW - 30_000 })).toMatchObject({ ok: true });
	});

	it('checks the signature before the age: a forged stale token is a bad signature', () => {
		const forged = token.slice(0, -2) + (token.endsWith('AA') ? 'BA' : 'AA');
		expect(verifyToken(keys, 'Avatar', forged, { maxAge: 60, now: NOW + 3_600_000 })).toEqual({ ok: false, reason: 'signature' });
	});

	it('never expires a token without an issue time (a prerendered page’s)', () => {
		const timeless = signToken(key, 'Avatar', 'plain', payload);
		expect(frameOf(timeless)[1] & FLAG_ISSUED_AT).toBe(0);
		expect(verifyToken(keys, 'Avatar', timeless, { maxAge: 1, now: NOW + 10 * 365 * 86_400_000 })).toEqual({ ok: true, payload, mode: 'plain' });
	});

	it('ignores the issue time when expiry is off', () => {
		expect(verifyToken(keys, 'Avatar', token, { now: NOW + 10 * 365 * 86_400_000 })).toMatchObject({ ok: true });
		expect(verifyToken(keys, 'Avatar', token, { maxAge: null, now: NOW + 10 * 365 * 86_400_000 })).toMatchObject({ ok: true });
	});

	it('cannot have its issue time stripped or moved: the frame is under the MAC', () => {
		const [segment, mac] = token.split('.');
		const frame = Buffer.from(segment, 'base64url');
		const stripped = Buffer.concat([Buffer.from([2, 0]), frame.subarray(2, 6), frame.subarray(10)]);
		expect(verifyToken(keys, 'Avatar', `${stripped.toString('base64url')}.${mac}`)).toEqual({ ok: false, reason: 'signature' });
		const moved = Buffer.from(frame);
		moved.writeUInt32BE(seconds + 3600, 6);
		expect(verifyToken(keys, 'Avatar', `${moved.toString('base64url')}.${mac}`)).toEqual({ ok: false, reason: 'signature' });
	});
});

describe('issueTime', () => {
	it('is off without maxAge', () => {
		expect(issueTime(undefined, NOW)).toBeUndefined();
		expect(issueTime(null, NOW)).toBeUndefined();
	});

	it('rounds down to a step of a tenth of maxAge, at most a minute, so tokens stay cacheable within a step', () => {
		expect(issueTime(1, NOW + 999)).toBe(seconds);
		expect(issueTime(3600, NOW + 59_999)).toBe(seconds);
		expect(issueTime(3600, NOW + 60_000)).toBe(seconds + 60);
		expect(issueTime(100, NOW + 9_999)).toBe(seconds);
		expect(issueTime(100, NOW + 10_000)).toBe(seconds + 10);
	});
});

describe('island() with islands.maxAge', () => {
	function Avatar() {}
	state.islandNames.set(Avatar, 'Avatar');
	const call = { mode: 'plain', load: 'eager', file: 'src/routes/index.svelte', line: 1, props: { user: 1 } } as const;

	function signIn(app: Partial<AppRuntime> | null): string {
		const store = { app, islands: [] } as unknown as RequestState;
		return state.storage.run(store, () => island(Avatar as never, call))['signed-props'];
	}

	it('puts an issue time in tokens signed while a request renders', () => {
		const frame = frameOf(signIn({ islandMaxAge: 600 }));
		expect(frame[1] & FLAG_ISSUED_AT).toBe(FLAG_ISSUED_AT);
		expect(Math.abs(frame.readUInt32BE(6) - Date.now() / 1000)).toBeLessThan(120);
	});

	it('puts none when maxAge is off, so the token is the same on every render', () => {
		const token = signIn({ islandMaxAge: null });
		expect(frameOf(token)[1] & FLAG_ISSUED_AT).toBe(0);
		expect(signIn({})).toBe(token);
	});
});
