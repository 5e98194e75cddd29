import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { createKey, createKeyring, MochiKeyError, parseKey, parseKeyring, resolveKey } from './key.js';
import { signToken, verifyToken, type MochiKey } from './token.js';

const valid = createKey();

function errorOf(value: string): MochiKeyError {
	try {
		parseKey(value);
	} catch (error) {
		expect(error).toBeInstanceOf(MochiKeyError);
		return error as MochiKeyError;
	}
	throw new Error(`parseKey accepted ${JSON.stringify(value)}`);
}

describe('createKey / parseKey', () => {
	it('creates 32 random bytes in unpadded base64url that parseKey accepts', () => {
		expect(valid).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(createKey()).not.toBe(valid);
		const key = parseKey(valid);
		expect(key.secret.equals(Buffer.from(valid, 'base64url'))).toBe(true);
		expect(key.secret.length).toBe(32);
	});

	it('derives a short id that fingerprints the key without revealing it', () => {
		const key = parseKey(valid);
		const hash = createHash('sha256')
			.update(Buffer.concat([Buffer.from('mochi-key-id\0'), key.secret]))
			.digest();
		expect(key.id).toBe(hash.subarray(0, 4).toString('hex'));
		expect(key.keyId).toBe(hash.readUInt32BE(0));
		expect(parseKey(valid).id).toBe(key.id);
		expect(parseKey(createKey()).id).not.toBe(key.id);
	});

	it('keeps the secret out of logs and JSON', () => {
		const key = parseKey(valid);
		expect(JSON.stringify(key)).not.toContain(key.secret.toString('base64url'));
		expect(inspect(key)).toBe(`MochiKey { id: '${key.id}' }`);
		expect(Object.keys(key)).toEqual(['id', 'keyId']);
	});

	it('trims whitespace and tolerates = padding', () => {
		expect(parseKey(`  ${valid}\n`).secret.equals(parseKey(valid).secret)).toBe(true);
		expect(parseKey(`${valid}=`).secret.equals(parseKey(valid).secret)).toBe(true);
	});

	it.each([
		['12 bytes', Buffer.alloc(12, 1).toString('base64url'), /decodes to 12 bytes/],
		['31 bytes', Buffer.alloc(31, 1).toString('base64url'), /decodes to 31 bytes/],
		['33 bytes', Buffer.alloc(33, 1).toString('base64url'), /decodes to 33 bytes/],
		['64 bytes', Buffer.alloc(64, 1).toString('base64url'), /decodes to 64 bytes/],
		['standard base64', Buffer.alloc(32, 0xfb).toString('base64'), /characters outside base64url \(\+, \/ or spaces\?\)/],
		['an inner space', valid.slice(0, 20) + ' ' + valid.slice(20), /characters outside base64url/],
		['a quoted value', `"${valid}"`, /characters outside base64url/],
		['inner padding', valid.slice(0, 20) + '=' + valid.slice(20), /characters outside base64url/],
		['empty', '', /empty/],
		['whitespace only', ' \t\n', /empty/]
	])('rejects %s with a clear message', (_label, value, message) => {
		const error = errorOf(value);
		expect(error.message).toMatch(/^MOCHI_KEY is not valid: /);
		expect(error.message).toMatch(message);
		expect(error.message).toContain('Run `npx mochi create-key` to make one.');
	});

	it('never repeats the key in its messages', () => {
		for (const value of [valid.slice(0, 40), valid + 'AAAA', valid.replace(/^./, '+'), `${valid} ${valid}`]) {
			const { message } = errorOf(value);
			expect(message).not.toContain(value.trim());
			expect(message).not.toContain(valid.slice(0, 12));
		}
	});
});

describe('resolveKey', () => {
	it('parses a set key and never warns', () => {
		const warn = vi.fn();
		const keys = resolveKey({ value: valid, production: true, warn });
		expect(keys.current.id).toBe(parseKey(valid).id);
		expect([...keys.byId.values()]).toEqual([keys.current]);
		expect(warn).not.toHaveBeenCalled();
	});

	it('throws on a malformed key instead of falling back', () => {
		expect(() => resolveKey({ value: 'short', production: true, warn: () => {} })).toThrow(MochiKeyError);
		expect(() => resolveKey({ value: 'short', production: false, warn: () => {} })).toThrow(MochiKeyError);
	});

	it.each([undefined, '', '  '])('uses a random key when the value is %j, warning once in production', (value) => {
		const warn = vi.fn();
		const keys = resolveKey({ value, production: true, warn });
		expect(keys.current.secret.length).toBe(32);
		expect(warn).toHaveBeenCalledTimes(1);
		expect(warn.mock.calls[0][0]).toMatch(/^MOCHI_KEY is not set: using a random key for this process\. .*403.*`npx mochi create-key`/);
	});

	it('does not warn in development', () => {
		const warn = vi.fn();
		resolveKey({ value: undefined, production: false, warn });
		expect(warn).not.toHaveBeenCalled();
	});

	it('keeps one random key for the whole process, so tokens outlive a dev-server reload', () => {
		const first = resolveKey({ value: undefined, production: false, warn: () => {} });
		const second = resolveKey({ value: undefined, production: false, warn: () => {} });
		expect(second.current.secret.equals(first.current.secret)).toBe(true);
		const token = signToken(first.current, 'Avatar', 'plain', '[1]');
		expect(verifyToken(second, 'Avatar', token)).toMatchObject({ ok: true });
	});
});

describe('parseKeyring (MOCHI_KEY=current,older)', () => {
	const [a, b, c] = [createKey(), createKey(), createKey()];

	function keyringError(value: string): MochiKeyError {
		try {
			parseKeyring(value);
		} catch (error) {
			expect(error).toBeInstanceOf(MochiKeyError);
			return error as MochiKeyError;
		}
		throw new Error('parseKeyring accepted the value');
	}

	it('signs with the first key and finds each by its id', () => {
		const keys = parseKeyring(`${a},${b},${c}`);
		expect(keys.current.id).toBe(parseKey(a).id);
		expect([...keys.byId.values()].map((key) => key.id)).toEqual([a, b, c].map((value) => parseKey(value).id));
		for (const value of [a, b, c]) expect(keys.byId.get(parseKey(value).keyId)?.secret.equals(parseKey(value).secret)).toBe(true);
	});

	it('tolerates whitespace around commas and padding on each key', () => {
		const keys = parseKeyring(` ${a} ,\n${b}= ,\t${c}  `);
		expect([...keys.byId.values()].map((key) => key.id)).toEqual([a, b, c].map((value) => parseKey(value).id));
	});

	it('reads one key as a keyring of one', () => {
		const keys = parseKeyring(a);
		expect(keys.byId.size).toBe(1);
		expect(keys.current.id).toBe(parseKey(a).id);
	});

	it.each([
		['an empty second key', () => `${a},`, /key 2 of 2 is empty\./],
		['an empty middle key', () => `${a}, ,${b}`, /key 2 of 3 is empty\./],
		['a short second key', () => `${a},${b.slice(0, 10)}`, /key 2 of 2 must be base64url of 32 random bytes, but it decodes to 7 bytes\./],
		['standard base64 first', () => `${Buffer.alloc(32, 0xfb).toString('base64')},${a}`, /key 1 of 2 contains characters outside base64url/],
		['a duplicate', () => `${a},${b},${a}`, /keys 1 and 3 are the same key/],
		['a duplicate with other padding', () => `${a},${a}=`, /keys 1 and 2 are the same key/]
	])('refuses %s, saying which position and never echoing a key', (_label, value, message) => {
		const text = value();
		const error = keyringError(text);
		expect(error.message).toMatch(/^MOCHI_KEY is not valid: /);
		expect(error.message).toMatch(message);
		expect(error.message).toContain('npx mochi create-key');
		for (const key of [a, b, c]) expect(error.message).not.toContain(key.slice(0, 10));
	});

	it('refuses two keys that share a key id, since tokens could not tell them apart', () => {
		const first = parseKey(a);
		const twin = { ...parseKey(b), keyId: first.keyId } as MochiKey;
		Object.defineProperty(twin, 'secret', { value: parseKey(b).secret });
		expect(() => createKeyring([first, twin])).toThrow(/keys 1 and 2 share a key id/);
	});

	it('resolveKey reads a list from MOCHI_KEY', () => {
		const keys = resolveKey({ value: `${a},${b}`, production: true, warn: () => {} });
		expect(keys.current.id).toBe(parseKey(a).id);
		expect(keys.byId.size).toBe(2);
	});
});
