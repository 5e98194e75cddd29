// The app's plain requests and answers on Node's objects, over real HTTP: what the handler is given,
// and how an Answer is written.
import { afterEach, describe, expect, it } from 'vitest';
import { request } from './fixtures/http.js';
import { createServer, type MochiServer } from './server.js';
import type { Answer, IncomingRequest } from '../runtime/server/exchange.js';

const running: MochiServer[] = [];
afterEach(async () => {
	for (const server of running.splice(0)) {
		server.server.closeAllConnections();
		await server.close();
	}
});

async function start(answer: (request: IncomingRequest) => Promise<Answer>, proxy: { trustProxy?: boolean; xffDepth?: number } = {}) {
	const lines: string[] = [];
	const server = createServer({
		...proxy,
		handler: answer,
		beforeFiles: '/_mochi/island/',
		host: '127.0.0.1',
		port: 0,
		log: (line) => lines.push(line)
	});
	running.push(server);
	const { port } = await server.listen();
	return { base: `http://127.0.0.1:${port}`, port, lines };
}

const ok = (body: string, extra: Partial<Answer> = {}): Answer => ({
	status: 200,
	headers: { 'content-type': 'text/html; charset=utf-8' },
	cookies: [],
	body,
	...extra
});

describe('plain requests and answers on Node objects', () => {
	it('gives method, absolute URL and headers, and builds the web Request only when asked, once', async () => {
		let seen: { method: string; url: string; cookie: string | null; missing: string | null } | undefined;
		let same = false;
		let webUrl = '';
		let webCookie: string | null = null;
		const { base, port } = await start(async (req) => {
			seen = { method: req.method, url: req.url.href, cookie: req.header('cookie'), missing: req.header('x-none') };
			if (req.url.searchParams.has('web')) {
				const web = req.request();
				same = web === req.request();
				webUrl = web.url;
				webCookie = web.headers.get('cookie');
			}
			return ok('<p>hi</p>');
		});
		const response = await request(`${base}/_mochi/island/Avatar?p=abc`, { headers: { cookie: 'a=1; b=2' } });
		expect(response.status).toBe(200);
		expect(response.body.toString()).toBe('<p>hi</p>');
		expect(response.headers['content-length']).toBe('9');
		expect(seen).toEqual({ method: 'GET', url: `http://127.0.0.1:${port}/_mochi/island/Avatar?p=abc`, cookie: 'a=1; b=2', missing: null });

		await request(`${base}/_mochi/island/Avatar?web=1`, { headers: { cookie: 'c=3' } });
		expect(same).toBe(true);
		expect(webUrl).toBe(`http://127.0.0.1:${port}/_mochi/island/Avatar?web=1`);
		expect(webCookie).toBe('c=3');
	});

	it('reads a POST body through the web Request', async () => {
		const { base } = await start(async (req) => ok(`got ${await req.request().text()}`));
		const response = await request(`${base}/_mochi/island/Avatar`, { method: 'POST', body: 'TOKEN', headers: { 'content-type': 'text/plain' } });
		expect(response.body.toString()).toBe('got TOKEN');
	});

	it('writes status, headers and every cookie; HEAD gets the length and no body', async () => {
		const { base } = await start(async () =>
			ok('<p>fragment</p>', { status: 201, headers: { 'content-type': 'text/html', 'x-extra': 'yes' }, cookies: ['a=1; Path=/', 'b=2; Path=/'] })
		);
		const get = await request(`${base}/_mochi/island/X?p=1`);
		expect(get.status).toBe(201);
		expect(get.headers['x-extra']).toBe('yes');
		expect(get.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/']);
		const head = await request(`${base}/_mochi/island/X?p=1`, { method: 'HEAD' });
		expect(head.status).toBe(201);
		expect(head.headers['content-length']).toBe(String('<p>fragment</p>'.length));
		expect(head.body.length).toBe(0);
	});

	it('answers 500 for a header Node refuses and 500 with a log line when answer throws, and keeps serving', async () => {
		const { base, lines } = await start(async (req) => {
			if (req.url.pathname.endsWith('/bad-header')) return ok('x', { headers: { 'x-bad': 'a\u0001b' } });
			if (req.url.pathname.endsWith('/throws')) throw new Error('boom');
			return ok('fine');
		});
		const bad = await request(`${base}/_mochi/island/bad-header`);
		expect(bad.status).toBe(500);
		expect(bad.headers['x-bad']).toBeUndefined();
		expect(bad.body.toString()).toBe('Internal Server Error');
		const thrown = await request(`${base}/_mochi/island/throws`);
		expect(thrown.status).toBe(500);
		expect(thrown.body.toString()).not.toContain('boom');
		expect(lines.some((line) => line.includes('/_mochi/island/throws failed: Error: boom'))).toBe(true);
		expect((await request(`${base}/_mochi/island/fine`)).body.toString()).toBe('fine');
	});

	it('answers 400 for a target or host that cannot form a URL, without calling answer', async () => {
		let calls = 0;
		const { base } = await start(async () => (calls++, ok('no')));
		expect((await request(base, { path: '/_mochi/island/%E0%A4%A' })).status).toBe(400);
		expect((await request(`${base}/_mochi/island/X`, { headers: { host: 'evil.test/path' } })).status).toBe(400);
		expect(calls).toBe(0);
	});

	it('gives the peer as clientAddress, or with trustProxy the X-Forwarded-For entry xffDepth from the right', async () => {
		const address = async (req: IncomingRequest) => ok(req.clientAddress());
		const plain = await start(address);
		const one = await start(address, { trustProxy: true });
		const two = await start(address, { trustProxy: true, xffDepth: 2 });
		const seen = (base: string, xff?: string) =>
			request(`${base}/_mochi/island/X`, { headers: xff === undefined ? {} : { 'x-forwarded-for': xff } }).then((r) => r.body.toString());
		const spoofed = '6.6.6.6, 203.0.113.9, 10.0.0.2';
		expect(await seen(plain.base, spoofed)).toBe('127.0.0.1');
		expect(await seen(one.base, spoofed)).toBe('10.0.0.2');
		expect(await seen(two.base, spoofed)).toBe('203.0.113.9');
		expect(await seen(two.base, '203.0.113.9')).toBe('203.0.113.9');
		expect(await seen(one.base)).toBe('127.0.0.1');
		expect(await seen(one.base, 'junk')).toBe('127.0.0.1');
	});
});
