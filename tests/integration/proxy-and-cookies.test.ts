// Behind a proxy (DESIGN.md §6, §7), over real HTTP against the built fixture: X-Forwarded-Host/-Proto count
// only with MOCHI_TRUST_PROXY and then only their right-most value (the proxy's); ctx.clientAddress is the peer,
// or the X-Forwarded-For entry MOCHI_XFF_DEPTH from the right; and the cookie `secure` default holds in
// production whatever Host or X-Forwarded-Proto says, unless ORIGIN starts with http://.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, spawnNode, startBuilt, startDev, type RunningApp } from '../helpers/app.js';
import { send } from '../helpers/raw-request.js';
import { START_TIMEOUT } from './support.js';
import { CSRF_APP } from './csrf-fixture.js';

interface Whoami {
	clientAddress: string;
	origin: string;
	/** Set-Cookie line per cookie name. */
	cookies: Record<string, string>;
}

async function whoami(app: RunningApp, headers: Record<string, string> = {}): Promise<Whoami> {
	const answer = await send(`${app.url}/api/whoami`, { headers });
	expect(answer.status, JSON.stringify(headers)).toBe(200);
	const cookies = Object.fromEntries((answer.headers['set-cookie'] ?? []).map((line) => [line.split('=')[0], line]));
	return { ...(JSON.parse(answer.body) as { clientAddress: string; origin: string }), cookies };
}

const isSecure = (line: string) => line.split(/;\s*/).includes('Secure');

describe('proxy headers and cookies in production', () => {
	const servers: RunningApp[] = [];
	const start = async (env: Record<string, string>) => {
		const app = await startBuilt(CSRF_APP, env);
		servers.push(app);
		return app;
	};
	let plain: RunningApp;
	let trusted: RunningApp;
	let deep: RunningApp;

	beforeAll(async () => {
		await buildApp(CSRF_APP);
		[plain, trusted, deep] = await Promise.all([start({}), start({ MOCHI_TRUST_PROXY: '1' }), start({ MOCHI_TRUST_PROXY: '1', MOCHI_XFF_DEPTH: '2' })]);
	}, START_TIMEOUT);

	afterAll(async () => {
		await Promise.all(servers.map((server) => server.stop()));
	});

	it('ignores X-Forwarded-* without MOCHI_TRUST_PROXY', async () => {
		const seen = await whoami(plain, { 'x-forwarded-host': 'evil.example, shop.example', 'x-forwarded-proto': 'https', 'x-forwarded-for': '6.6.6.6' });
		expect(seen.origin).toBe(plain.url);
		expect(seen.clientAddress).toBe('127.0.0.1');
	});

	it('takes the right-most X-Forwarded-Host and -Proto with MOCHI_TRUST_PROXY, never the left-most', async () => {
		// The client wrote the left part; the proxy appended the right-most value.
		expect((await whoami(trusted, { 'x-forwarded-host': 'evil.example, shop.example', 'x-forwarded-proto': 'http, https' })).origin).toBe(
			'https://shop.example'
		);
		expect((await whoami(trusted, { 'x-forwarded-host': 'shop.example,evil.example', 'x-forwarded-proto': 'https,http' })).origin).toBe(
			'http://evil.example'
		);
		expect((await whoami(trusted, { 'x-forwarded-host': 'shop.example', 'x-forwarded-proto': 'HTTPS' })).origin).toBe('https://shop.example');
		// A value no proxy writes is refused, not trusted; the server stays up.
		expect((await send(`${trusted.url}/api/whoami`, { headers: { 'x-forwarded-host': 'shop.example, evil.example/x' } })).status).toBe(400);
		expect((await whoami(trusted)).origin).toBe(trusted.url);
	});

	it('checks CSRF against that origin: the proxy-written host passes, a client-written left-most one does not', async () => {
		const form = { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https' };
		const ok = await send(`${trusted.url}/api/counter`, {
			method: 'POST',
			headers: { ...form, 'x-forwarded-host': 'evil.example, shop.example', origin: 'https://shop.example' },
			body: 'x=1'
		});
		expect(ok.status).toBe(200);
		const forged = await send(`${trusted.url}/api/counter`, {
			method: 'POST',
			headers: { ...form, 'x-forwarded-host': 'evil.example, shop.example', origin: 'https://evil.example' },
			body: 'x=1'
		});
		expect(forged.status).toBe(403);
	});

	it('gives ctx.clientAddress: the peer, or X-Forwarded-For counted MOCHI_XFF_DEPTH from the right', async () => {
		const spoofed = { 'x-forwarded-for': '6.6.6.6, 203.0.113.9' }; // the client wrote 6.6.6.6, our proxy appended the rest
		expect((await whoami(plain, spoofed)).clientAddress).toBe('127.0.0.1');
		expect((await whoami(trusted, spoofed)).clientAddress).toBe('203.0.113.9');
		expect((await whoami(deep, { 'x-forwarded-for': '1.1.1.1, 6.6.6.6, 203.0.113.9' })).clientAddress).toBe('6.6.6.6');
		expect((await whoami(deep, spoofed)).clientAddress).toBe('6.6.6.6');
		// Fewer entries than proxies (a request that skipped the outer one): the left-most.
		expect((await whoami(deep, { 'x-forwarded-for': '203.0.113.9' })).clientAddress).toBe('203.0.113.9');
		// No header, or an entry that is no IP: the peer, never a string the client chose.
		expect((await whoami(trusted)).clientAddress).toBe('127.0.0.1');
		expect((await whoami(trusted, { 'x-forwarded-for': '203.0.113.9, <script>' })).clientAddress).toBe('127.0.0.1');
		expect((await whoami(trusted, { 'x-forwarded-for': '[2001:db8::7]:4711' })).clientAddress).toBe('2001:db8::7');
	});

	it.each([
		['Host: 127.0.0.1', { host: '127.0.0.1' }],
		['Host: localhost', { host: 'localhost' }],
		['Host: localhost:3000', { host: 'localhost:3000' }],
		['Host: [::1]', { host: '[::1]' }]
	])('keeps the Secure default with %s', async (_, headers) => {
		const { cookies } = await whoami(plain, headers);
		expect(isSecure(cookies.sid)).toBe(true);
		expect(isSecure(cookies.forced)).toBe(true);
		expect(isSecure(cookies.plain)).toBe(false); // an explicit secure: false wins
	});

	it('keeps it behind a trusted proxy that says the visitor came over http', async () => {
		const { cookies, origin } = await whoami(trusted, { 'x-forwarded-proto': 'http', 'x-forwarded-host': 'localhost' });
		expect(origin).toBe('http://localhost');
		expect(isSecure(cookies.sid)).toBe(true);
	});

	it('drops the default only for an ORIGIN that starts with http:// (an explicit secure: true still wins)', async () => {
		const [http, https] = await Promise.all([start({ ORIGIN: 'http://localhost:3000' }), start({ ORIGIN: 'https://shop.example' })]);
		const insecure = await whoami(http);
		expect(insecure.origin).toBe('http://localhost:3000');
		expect(isSecure(insecure.cookies.sid)).toBe(false);
		expect(isSecure(insecure.cookies.forced)).toBe(true);
		expect(isSecure((await whoami(https)).cookies.sid)).toBe(true);
	});

	it('refuses to start on a bad MOCHI_XFF_DEPTH, saying which', async () => {
		const { child, output } = spawnNode(CSRF_APP, ['build'], { MOCHI_TRUST_PROXY: '1', MOCHI_XFF_DEPTH: 'two' });
		const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
		const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
		clearTimeout(timer);
		expect(code).toBe(1);
		expect(output().trim()).toBe(
			'mochi: MOCHI_XFF_DEPTH must be a whole number from 1 to 32 (the proxies in front of the server that append to X-Forwarded-For), got "two"'
		);
	});
});

describe('in the dev server', () => {
	let app: RunningApp;
	beforeAll(async () => {
		app = await startDev(CSRF_APP);
	}, START_TIMEOUT);
	afterAll(async () => {
		await app?.stop();
	});

	it('gives the peer as clientAddress and sets no Secure cookie by default', async () => {
		const seen = await whoami(app, { 'x-forwarded-for': '6.6.6.6' });
		expect(seen.clientAddress).toBe('127.0.0.1');
		expect(isSecure(seen.cookies.sid)).toBe(false);
		expect(isSecure(seen.cookies.forced)).toBe(true);
	});
});
