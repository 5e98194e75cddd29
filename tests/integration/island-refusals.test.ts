// The island endpoint refuses bad requests with a 4xx and a one-line log, without running the component.
import { beforeAll, describe, expect, it } from 'vitest';
import { tokenOf } from '../helpers/app.js';
import { BASIC, MODES, START_TIMEOUT, get, islandPath, useApp } from './support.js';

describe.each(MODES)('island refusals (%s)', (mode) => {
	const app = useApp(mode, BASIC);
	let shell: string;

	beforeAll(async () => {
		shell = (await get(app, '/islands')).body;
	}, START_TIMEOUT);

	/** A refusal: status, reason header, never cached or indexed, and the island never ran (no cookie). */
	async function refused(pathname: string, status: number, reason: string, init?: RequestInit) {
		const response = await get(app, pathname, init);
		expect(response.status, `${pathname.slice(0, 120)}: ${response.body.slice(0, 200)}`).toBe(status);
		expect(response.headers.get('x-mochi-island-error')).toBe(reason);
		expect(response.headers.get('x-robots-tag')).toBe('noindex');
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.headers.getSetCookie()).toEqual([]);
		expect(response.body).not.toContain('[greeting]');
		return response;
	}

	/** The same token with one character of its MAC part changed. */
	function flipMac(token: string): string {
		const dot = token.indexOf('.');
		const mac = token.slice(dot + 1);
		const changed = (mac[0] === 'A' ? 'B' : 'A') + mac.slice(1);
		return `${token.slice(0, dot)}.${changed}`;
	}

	it('400 for a missing or junk token', async () => {
		await refused('/_mochi/island/Greeting', 400, 'malformed');
		await refused('/_mochi/island/Greeting?p=', 400, 'malformed');
		await refused('/_mochi/island/Greeting?p=junk', 400, 'malformed');
		await refused('/_mochi/island/Greeting?p=a.b.c', 400, 'malformed');
		await refused(`/_mochi/island/Greeting?p=${'%00'.repeat(10)}.x`, 400, 'malformed');
	});

	it('403 for a flipped character in the MAC', async () => {
		await refused(islandPath('Greeting', flipMac(tokenOf(shell, 'Greeting'))), 403, 'signature');
	});

	it("403 for another island's token, and for a token sent to another island's name", async () => {
		await refused(islandPath('Greeting', tokenOf(shell, 'Slow')), 403, 'signature');
		await refused(islandPath('Slow', tokenOf(shell, 'Greeting')), 403, 'signature');
		const [a, b] = [...shell.matchAll(/name="(Card-[0-9a-f]+)"/g)].map((match) => match[1]);
		await refused(islandPath(a, tokenOf(shell, b)), 403, 'signature');
	});

	it('404 for an unknown island and for path tricks', async () => {
		const token = tokenOf(shell, 'Greeting');
		await refused(islandPath('Nope', token), 404, 'unknown-island');
		await refused(`/_mochi/island/?p=${token}`, 404, 'unknown-island');
		await refused(`/_mochi/island/..%2FGreeting?p=${token}`, 404, 'unknown-island');
		await refused(`/_mochi/island/Greeting%2F..%2F..%2Fapi%2Fecho?p=${token}`, 404, 'unknown-island');
		await refused(`/_mochi/island/Greeting%2F?p=${token}`, 404, 'unknown-island');
		// A name that does not decode: the production server refuses the URL before the app sees it (400),
		// the dev server leaves it to the island endpoint (404). Either way a 4xx, never a 500.
		const undecodable = await get(app, `/_mochi/island/%E0%A4%A?p=${token}`);
		expect(undecodable.status).toBe(mode === 'built' ? 400 : 404);
	});

	it('405 for a method other than GET, HEAD or POST, with allow', async () => {
		const { headers } = await refused(islandPath('Greeting', tokenOf(shell, 'Greeting')), 405, 'method', { method: 'PUT', body: 'x' });
		expect(headers.get('allow')).toBe('GET, HEAD, POST');
	});

	it('answers a token sent in a POST body, as the runtime does for long tokens', async () => {
		const token = tokenOf(shell, 'Greeting');
		const response = await get(app, '/_mochi/island/Greeting', { method: 'POST', body: token, headers: { cookie: 'user=Posty' } });
		expect(response.status, response.body).toBe(200);
		expect(response.body).toContain('[greeting]');
		expect(response.body).toContain('Posty');
		await refused('/_mochi/island/Greeting', 400, 'malformed', { method: 'POST', body: '' });
		await refused('/_mochi/island/Greeting', 403, 'signature', { method: 'POST', body: flipMac(token) });
	});

	it('413 for a POST body over the cap: by Content-Length before reading, and while reading a chunked one', async () => {
		const huge = 'a'.repeat(256 * 1024 + 1);
		// Read and dropped before the answer (a lingering close): the client gets its 413, not a broken pipe,
		// and the connection stays usable.
		for (let i = 0; i < 5; i++) {
			const { headers } = await refused('/_mochi/island/Greeting', 413, 'too-large', { method: 'POST', body: huge });
			expect(headers.get('connection')).not.toBe('close');
		}
		// No Content-Length: the body streams in chunks and the server stops reading at the cap.
		const chunked = new ReadableStream({
			start(controller) {
				for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode('b'.repeat(8192)));
				controller.close();
			}
		});
		await refused('/_mochi/island/Greeting', 413, 'too-large', { method: 'POST', body: chunked, duplex: 'half' } as RequestInit);
	});

	it('414 for a token over 8000 characters', async () => {
		await refused(`/_mochi/island/Greeting?p=${'a'.repeat(8001)}`, 414, 'too-large');
	});

	it('logs refusals as one line each, without a stack', async () => {
		await refused('/_mochi/island/Greeting?p=junk-for-the-log', 400, 'malformed');
		const lines = app.output().split('\n');
		expect(lines).toContain('[mochi] island "Greeting": 400 malformed');
		expect(lines).toContain('[mochi] island "Greeting": 403 signature');
		expect(lines).toContain('[mochi] island "Nope": 404 unknown-island');
		expect(app.output()).not.toMatch(/island "Greeting".*\n\s+at /);
	});
});
