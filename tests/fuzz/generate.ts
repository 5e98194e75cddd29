// Generated attacks on the island endpoint, from genuine tokens a page signed. Each case says
// which statuses may answer it; the test adds what no answer may ever contain. Seeded, so a
// failure reproduces.
import { createHmac } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
// The framework's own signer, from the build the server runs.
import { signToken } from '../../packages/mochi/dist/runtime/server/islands/token.js';
import { keyFromSecret, parseKey } from '../../packages/mochi/dist/runtime/server/islands/key.js';
import type { RawRequest } from './raw-http.js';

export interface FuzzCase {
	kind: string;
	request: RawRequest;
	/** Statuses this case may get; every one is a 4xx. */
	allowed: number[];
}

export interface Genuine {
	/** The Greeting island's token from /islands. */
	greeting: string;
	/** Other islands on that page: name -> token. */
	others: Record<string, string>;
	/** MOCHI_KEY of the server, to sign tokens that pass the MAC yet must still be refused. */
	serverKey: string;
}

const PREFIX = '/_mochi/island/';
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const EXTRA = ['.', '=', '+', '/', ' ', '%', '\0', 'é', '🍡', '\n', '\t', '"', '<', '&', '?', '#'];
const BAD_UTF8 = ['%FF', '%FE', '%C0%AF', '%ED%A0%80', '%E0%A4', '%F8%88%80%80%80', '%80', '%C3'];
const METHODS = ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'LOCK', 'PURGE', 'MKCOL'];
/** Names that must never reach the Greeting component (or any): traversal, encodings, look-alikes. */
const NAME_TRICKS = [
	'..%2FGreeting', '%2e%2e%2fGreeting', '%2E%2E%2FGreeting', '..%5CGreeting', 'Greeting%2F', 'Greeting%2F..', 'Greeting%2F%2E%2E',
	'Greeting%00', '%00Greeting', 'Gree%00ting', 'Greeting%2500', '..%252FGreeting', 'Gr%C3%A9eting', '%EF%BC%A7reeting',
	'Greeting%E2%80%8B', 'Greeting%CC%81', 'GREETING', 'greeting', 'Greeting%20', '%20Greeting', 'Greeting.svelte',
	'lib%2FGreeting', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'Greeting/../Slow', '../Greeting',
	'%2e%2e/Greeting', '%2e%2e/%2e%2e/nope', 'Greeting/', 'Greeting//', '/Greeting', 'Greeting;x', 'Greeting%3B',
	'Greeting%3Fp%3D', '%E0%A4%A', '%', '%%', 'Greeting%FF', '%C0%AE%C0%AEGreeting', 'Greeting%0A', 'Greeting%0D%0A'
];

/** mulberry32: small, fast, and the same sequence everywhere. */
export function prng(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function generateCases(genuine: Genuine, seed = 20_240_601): FuzzCase[] {
	const random = prng(seed);
	const int = (n: number) => Math.floor(random() * n);
	const pick = <T>(list: readonly T[]): T => list[int(list.length)];
	const base64 = (length: number) => Array.from({ length }, () => ALPHABET[int(64)]).join('');
	const randomBytes = (length: number) => Buffer.from(Array.from({ length }, () => int(256)));
	const get = (token: string, name = 'Greeting') => ({ method: 'GET', path: `${PREFIX}${name}?p=${encodeURIComponent(token)}` });
	const post = (body: string | Buffer, name = 'Greeting') => ({ method: 'POST', path: PREFIX + name, body });
	const viaEither = (token: string) => (random() < 0.8 ? get(token) : post(token));
	const { greeting } = genuine;
	const [segment, mac] = greeting.split('.');
	const cases: FuzzCase[] = [];
	const add = (kind: string, count: number, make: () => { request: RawRequest; allowed: number[] } | undefined) => {
		for (let i = 0; i < count; i++) {
			const made = make();
			if (made) cases.push({ kind, ...made });
		}
	};

	add('bit-flip', 2500, () => {
		const parts = [Buffer.from(segment, 'base64url'), Buffer.from(mac, 'base64url')];
		for (let flips = 1 + int(3); flips > 0; flips--) {
			const part = parts[int(2)];
			part[int(part.length)] ^= 1 << int(8);
		}
		const token = parts.map((part) => part.toString('base64url')).join('.');
		return token === greeting ? undefined : { request: viaEither(token), allowed: [400, 403] };
	});
	add('char-mutation', 2000, () => {
		const token = mutate(greeting, random);
		return token === greeting ? undefined : { request: viaEither(token), allowed: [400, 403] };
	});
	add('truncation', 800, () => ({ request: viaEither(greeting.slice(0, int(greeting.length))), allowed: [400, 403] }));
	add('extension', 800, () => {
		const tail = pick([() => base64(1 + int(40)), () => '.' + base64(int(60)), () => '=', () => '==', () => pick(EXTRA), () => mac]);
		return { request: viaEither(random() < 0.5 ? greeting + tail() : tail() + greeting), allowed: [400, 403] };
	});
	const names = Object.keys(genuine.others);
	add('other-island', 600, () => {
		const other = pick(names);
		return random() < 0.5
			? { request: get(greeting, other), allowed: [403] } // Greeting's token at another island
			: { request: get(genuine.others[other]), allowed: [403] }; // another island's token at Greeting
	});
	add('other-key', 1200, () => {
		const key = keyFromSecret(randomBytes(32));
		const props = random() < 0.2 ? JSON.stringify([{ name: 1 }, 'x'.repeat(2000 + int(3000))]) : '[{"name":1},"Mallory"]';
		const options = random() < 0.3 ? { issuedAt: 1_900_000_000 } : {};
		return { request: viaEither(signToken(key, 'Greeting', random() < 0.5 ? 'plain' : 'hydrate', props, options)), allowed: [403] };
	});
	const serverKey = parseKey(genuine.serverKey);
	add('server-key-not-props', 400, () => {
		// Passes the MAC, and must still never render: bodies that are not props of an object.
		const body = pick([
			() => Buffer.from(pick(['[1]', '["x"]', '[null]', '[[1],2]', '[true]', '{"name":"x"}', '[{"name":1}', 'not devalue', '[', ']'])),
			() => randomBytes(1 + int(200)),
			() => Buffer.from([0x5b, 0xff, 0xfe, 0x5d])
		])();
		return { request: viaEither(forge(serverKey, 'Greeting', body)), allowed: [400] };
	});
	add('server-key-bomb', 20, () => {
		const bomb = deflateRawSync(Buffer.alloc((2 + int(30)) * 1024 * 1024), { level: 9 });
		return { request: post(forge(serverKey, 'Greeting', bomb, 1)), allowed: [413] };
	});
	add('server-key-other-name', 100, () => {
		// Genuine props, signed with the right key, but for another island's name.
		const name = pick(['Slow', 'Broken', 'Greeting2', 'greeting', 'Greeting\u200b', 'Gréeting']);
		return { request: viaEither(signToken(serverKey, name, 'plain', '[{"name":1},"Eve"]')), allowed: [403] };
	});
	add('junk-base64', 1200, () => {
		const parts = Array.from({ length: 1 + int(4) }, () => base64(int(random() < 0.9 ? 120 : 2000)));
		return { request: viaEither(parts.join('.')), allowed: [400, 403] };
	});
	add('non-utf8', 500, () => {
		const at = int(greeting.length);
		const bad = Array.from({ length: 1 + int(3) }, () => pick(BAD_UTF8)).join('');
		const path = random() < 0.7
			? `${PREFIX}Greeting?p=${encodeURIComponent(greeting.slice(0, at))}${bad}${encodeURIComponent(greeting.slice(at))}`
			: `${PREFIX}Greeting${bad}?p=${encodeURIComponent(greeting)}`;
		return { request: { method: 'GET', path }, allowed: [400, 403, 404] };
	});
	add('post-binary', 300, () => ({ request: post(randomBytes(int(3000))), allowed: [400, 403] }));
	add('path-trick', 900, () => {
		const name = random() < 0.8 ? pick(NAME_TRICKS) : randomName(random);
		const path = `${PREFIX}${name}`;
		const request = random() < 0.8 ? { method: 'GET', path: `${path}?p=${encodeURIComponent(greeting)}` } : { method: 'POST', path, body: greeting };
		// `../Greeting` leaves the prefix: a path spelled with dot segments is redirected to the one it names.
		return { request, allowed: [308, 400, 403, 404] };
	});
	add('wrong-method', 400, () => ({
		request: { method: pick(METHODS), path: `${PREFIX}Greeting?p=${encodeURIComponent(greeting)}`, body: random() < 0.5 ? greeting : undefined },
		allowed: [405]
	}));
	add('query-trick', 300, () => {
		const token = encodeURIComponent(greeting);
		const query = pick([
			`P=${token}`, `p=`, `p`, `q=${token}`, `p=junk&p=${token}`, `p%00=${token}`, `p=${token}%00`, `p=%20${token}`,
			`p=${token}%0A`, `p=+${token}`, `p=${token}+`, `p[]=${token}`, `p=${token.replace('.', '%2E%2E')}`, `p=${token}%2F`
		]);
		return { request: { method: 'GET', path: `${PREFIX}Greeting?${query}` }, allowed: [400, 403] };
	});
	add('oversized-get', 100, () => ({ request: get('A'.repeat(8001 + int(6000))), allowed: [414] }));
	add('oversized-post', 30, () => ({ request: post(Buffer.alloc(256 * 1024 + 1 + int(100_000), 0x41)), allowed: [413] }));
	add('oversized-chunked', 10, () => ({
		request: { ...post(Buffer.alloc(256 * 1024 + 1 + int(100_000), 0x41)), headers: { 'transfer-encoding': 'chunked' } },
		allowed: [413]
	}));
	return cases;
}

/** A token in the documented v2 layout over any body, signed with `key`: what a key holder could send. */
function forge(key: { secret: Buffer; keyId: number }, name: string, body: Buffer, flags = 0): string {
	const bytes = Buffer.concat([Buffer.from([2, flags, 0, 0, 0, 0]), body]);
	bytes.writeUInt32BE(key.keyId, 2);
	const mac = createHmac('sha256', key.secret).update(`mochi-island-v2\0${name}\0plain\0`).update(bytes).digest();
	return `${bytes.toString('base64url')}.${mac.toString('base64url')}`;
}

function mutate(token: string, random: () => number): string {
	const int = (n: number) => Math.floor(random() * n);
	const char = () => (random() < 0.7 ? ALPHABET[int(64)] : EXTRA[int(EXTRA.length)]);
	const at = int(token.length + 1);
	switch (int(5)) {
		case 0:
			return token.slice(0, at) + char() + token.slice(at + 1);
		case 1:
			return token.slice(0, at) + char() + token.slice(at);
		case 2:
			return token.slice(0, at) + token.slice(at + 1 + int(8));
		case 3: {
			const chars = [...token];
			const j = int(chars.length);
			if (at < chars.length) [chars[at], chars[j]] = [chars[j], chars[at]];
			return chars.join('');
		}
		default:
			return token.slice(0, at) + token.slice(at, at + 6).replace(/[a-z]/gi, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())) + token.slice(at + 6);
	}
}

/** A random name of 1-12 code points from all over Unicode, percent-encoded (lone surrogates raw-encoded). */
function randomName(random: () => number): string {
	const length = 1 + Math.floor(random() * 12);
	let name = '';
	for (let i = 0; i < length; i++) {
		const point = Math.floor(random() * 0x10ffff);
		name += point >= 0xd800 && point <= 0xdfff ? '%ED%A0%80' : encodeURIComponent(String.fromCodePoint(point));
	}
	return name;
}
