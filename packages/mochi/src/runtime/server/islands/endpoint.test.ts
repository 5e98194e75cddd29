// Every refusal of the island endpoint: its status, a short body, `x-mochi-island-error`, one
// log line without a stack, and the component never rendered.
import { createHmac } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIslandEndpoint } from './endpoint.js';
import { fromWebRequest, toWebResponse } from '../exchange.js';
import { PublicTokens } from './public-tokens.js';
import { createKey, createKeyring, keyFromSecret, parseKey } from './key.js';
import { signToken } from './token.js';
import { state, type AppRuntime } from '../state.js';

const current = parseKey(createKey());
const previous = parseKey(createKey());
const saved = state.key;
state.key = createKeyring([current, previous]);
afterAll(() => {
	state.key = saved;
});

function Greeting() {}
const render = vi.fn(async () => ({ head: '', body: '<p>[greeting]</p>' }));
const lines: string[] = [];
const runtime = { clientIslands: {}, render, dev: false, islandMaxAge: 60 } as unknown as AppRuntime;
const publicTokens = new PublicTokens();
const { answer } = createIslandEndpoint({ islands: { Greeting, Other: Greeting } as never, runtime, path: '/_mochi/island/', publicTokens, log: (line) => lines.push(line) });
// Through the web adapters, as the dev server calls it; node/exchange.test.ts covers the Node side.
const handle = async (request: Request, url: URL) => toWebResponse(await answer(fromWebRequest(request, url)));

beforeEach(() => {
	render.mockClear();
	lines.length = 0;
});

function get(token: string, name = 'Greeting', init?: RequestInit): Promise<Response> {
	const url = new URL(`http://localhost/_mochi/island/${name}?p=${encodeURIComponent(token)}`);
	return handle(new Request(url, init), url);
}

/** A token signed with the current key over a body signToken would not produce. */
function signedBody(body: Buffer, flags = 0, mode = 'plain'): string {
	const bytes = Buffer.concat([Buffer.from([2, flags, 0, 0, 0, 0]), body]);
	bytes.writeUInt32BE(current.keyId, 2);
	const mac = createHmac('sha256', current.secret).update(`mochi-island-v2\0Greeting\0${mode}\0`).update(bytes).digest();
	return `${bytes.toString('base64url')}.${mac.toString('base64url')}`;
}

async function expectRefusal(response: Response, status: number, reason: string) {
	const body = await response.text();
	expect(response.status, body).toBe(status);
	expect(response.headers.get('x-mochi-island-error')).toBe(reason);
	expect(response.headers.get('cache-control')).toBe('no-store');
	expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
	expect(body.length).toBeLessThan(80);
	expect(body).not.toContain('[greeting]');
	expect(render).not.toHaveBeenCalled();
	expect(lines).toHaveLength(1);
	expect(lines[0]).toMatch(new RegExp(`^\\[mochi\\] island "Greeting": ${status} ${reason}( \\(.*\\))?$`));
	return lines[0];
}

describe('island endpoint', () => {
	it('renders a genuine token, signed with either key of the ring', async () => {
		for (const key of [current, previous]) {
			const response = await get(signToken(key, 'Greeting', 'plain', '[{"name":1},"Ada"]'));
			expect(response.status).toBe(200);
			expect(await response.text()).toContain('[greeting]');
		}
		expect(render).toHaveBeenCalledTimes(2);
	});

	it('410 expired for a token older than islands.maxAge', async () => {
		const stale = signToken(current, 'Greeting', 'plain', '[{}]', { issuedAt: Math.floor(Date.now() / 1000) - 61 });
		await expectRefusal(await get(stale), 410, 'expired');
		const fresh = signToken(current, 'Greeting', 'plain', '[{}]', { issuedAt: Math.floor(Date.now() / 1000) - 5 });
		expect((await get(fresh)).status).toBe(200);
	});

	it('403 signature for a key id not in the ring, naming the id in the log only', async () => {
		const stranger = keyFromSecret(Buffer.alloc(32, 1));
		const response = await get(signToken(stranger, 'Greeting', 'plain', '[{}]'));
		const line = await expectRefusal(response, 403, 'signature');
		expect(line).toContain(`unknown key id ${stranger.id}`);
	});

	it.each([
		['devalue that does not parse', Buffer.from('{not devalue')],
		['devalue of an array', Buffer.from('[[1],1]')],
		['devalue of a number', Buffer.from('[42]')],
		['devalue of null', Buffer.from('[null]')],
		['bytes that are not UTF-8', Buffer.from([0x5b, 0xff, 0x5d])]
	])('400 malformed for a correctly signed payload of %s', async (_label, body) => {
		await expectRefusal(await get(signedBody(body)), 400, 'malformed');
	});

	it('413 too-large for a correctly signed body that inflates past the cap', async () => {
		const bomb = signedBody(deflateRawSync(Buffer.alloc(8 * 1024 * 1024)), 1);
		await expectRefusal(await get('', 'Greeting', { method: 'POST', body: bomb }), 413, 'too-large');
	});

	it('400 malformed, never a 500, when the request body breaks while being read', async () => {
		const body = new ReadableStream({
			pull(controller) {
				controller.error(new Error('socket hang up'));
			}
		});
		const url = new URL('http://localhost/_mochi/island/Greeting');
		const response = await handle(new Request(url, { method: 'POST', body, duplex: 'half' } as RequestInit), url);
		await expectRefusal(response, 400, 'malformed');
	});

	it.each([
		['junk base64 with a MAC-sized tail', 'A'.repeat(8) + '.' + 'A'.repeat(43), 400, 'malformed'],
		['a v1-style token', Buffer.from('[{}]').toString('base64url') + '.' + 'A'.repeat(43), 400, 'malformed'],
		['a token over 8000 characters', 'A'.repeat(8001), 414, 'too-large']
	])('refuses %s', async (_label, token, status, reason) => {
		await expectRefusal(await get(token), status, reason);
	});

	it('405 method and 404 unknown-island before reading any token', async () => {
		await expectRefusal(await get('x', 'Greeting', { method: 'DELETE' }), 405, 'method');
		lines.length = 0;
		const response = await get(signToken(current, 'Greeting', 'plain', '[{}]'), 'Nope');
		expect(response.status).toBe(404);
		expect(render).not.toHaveBeenCalled();
	});

	it('takes the verdict of a public (prerendered) token from the table, for its island and key ring only', async () => {
		// Not a token any key signed: only the table can make it pass, which shows no HMAC was computed.
		const listed = 'AgAAAAAAW3t9XQ.' + 'B'.repeat(43);
		const saved = state.key!;
		publicTokens.add(saved, { name: 'Greeting', mode: 'plain', payload: '[{"name":1},"Ada"]', token: listed });
		const response = await get(listed);
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('[greeting]');
		expect(render).toHaveBeenCalledWith(Greeting, { props: { name: 'Ada' } });
		render.mockClear();
		lines.length = 0;

		// Another island with the same token string: verified as usual, and refused.
		expect((await get(listed, 'Other')).status).toBe(400);
		lines.length = 0;
		// A new key ring (a restart with other keys): the table no longer speaks for it.
		state.key = createKeyring([current]);
		try {
			await expectRefusal(await get(listed), 400, 'malformed');
		} finally {
			state.key = saved;
		}
	});
});
