// Prerendered pages over HTTP as `node build` sends them: the build's own files, byte for byte, when the
// server signs with the key the build signed with; re-signed on first request (and compressed then) when it
// doesn't, with islands that verify with the running key and CSP hashes of the bytes actually served.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, buildApp, startBuilt, tokenOf, type RunningApp } from '../helpers/app.js';
import { send, type RawAnswer } from '../helpers/raw-request.js';
import { BASIC, START_TIMEOUT, islandPath } from './support.js';

const CSP_APP = path.join(REPO, 'tests/apps/csp');
const newKey = () => randomBytes(32).toString('base64url');
const BUILD_KEY = newKey();
const OTHER_KEY = newKey();
const running: RunningApp[] = [];

async function start(root: string, key: string): Promise<RunningApp> {
	const app = await startBuilt(root, { MOCHI_KEY: key });
	running.push(app);
	return app;
}

const page = (app: RunningApp, pathname: string, headers: Record<string, string> = {}, method = 'GET') => send(app.url + pathname, { method, headers });
const island = (app: RunningApp, name: string, token: string, from: string) => send(app.url + islandPath(name, token), { headers: { referer: app.url + from } });
const decoded = (answer: RawAnswer) =>
	answer.headers['content-encoding'] === 'br' ? brotliDecompressSync(answer.bytes) : answer.headers['content-encoding'] === 'gzip' ? gunzipSync(answer.bytes) : answer.bytes;

afterAll(async () => {
	await Promise.all(running.map((app) => app.stop()));
});

describe('prerendered pages of a build signed with MOCHI_KEY', () => {
	const file = path.join(BASIC, 'build/prerendered/prerendered.html');
	let built: { html: Buffer; br: Buffer; gz: Buffer };

	beforeAll(async () => {
		await buildApp(BASIC, { MOCHI_KEY: BUILD_KEY });
		built = { html: fs.readFileSync(file), br: fs.readFileSync(`${file}.br`), gz: fs.readFileSync(`${file}.gz`) };
	}, START_TIMEOUT);

	it('with the same key: the build files as they are, for each encoding, with ETags, 304 and HEAD', async () => {
		const app = await start(BASIC, BUILD_KEY);
		const plain = await page(app, '/prerendered');
		expect(plain.status).toBe(200);
		expect(plain.bytes.equals(built.html)).toBe(true);
		const br = await page(app, '/prerendered', { 'accept-encoding': 'gzip, deflate, br' });
		expect(br.headers['content-encoding']).toBe('br');
		expect(br.bytes.equals(built.br)).toBe(true);
		expect(brotliDecompressSync(br.bytes).equals(built.html)).toBe(true);
		const gz = await page(app, '/prerendered', { 'accept-encoding': 'gzip' });
		expect(gz.bytes.equals(built.gz)).toBe(true);
		expect(new Set([plain.headers.etag, br.headers.etag, gz.headers.etag]).size).toBe(3);
		expect((await page(app, '/prerendered', { 'accept-encoding': 'br', 'if-none-match': br.headers.etag! })).status).toBe(304);
		expect((await page(app, '/prerendered', { 'accept-encoding': 'br', 'if-none-match': plain.headers.etag! })).status).toBe(200);
		const head = await page(app, '/prerendered', { 'accept-encoding': 'br' }, 'HEAD');
		expect(head.status).toBe(200);
		expect(head.headers['content-length']).toBe(String(built.br.length));
		expect(head.bytes.length).toBe(0);
		expect(head.headers['cache-control']).toBe('public, max-age=0, s-maxage=600');
		// The islands in those bytes were signed by the build, with the key this server runs with.
		const greeting = await island(app, 'Greeting', tokenOf(built.html.toString('utf8'), 'Greeting'), '/prerendered');
		expect(greeting.status).toBe(200);
		expect(greeting.body).toContain('name=prerendered');
	});

	it('with another key: re-signed, its islands verify with the running key, the build token is refused, every encoding decodes to the page', async () => {
		const app = await start(BASIC, OTHER_KEY);
		const plain = await page(app, '/prerendered');
		const html = plain.body;
		expect(plain.status).toBe(200);
		expect(html).toContain('[prerendered-page]');
		const token = tokenOf(html, 'Greeting');
		const buildToken = tokenOf(built.html.toString('utf8'), 'Greeting');
		expect(token).not.toBe(buildToken);
		expect(html).toBe(built.html.toString('utf8').split(buildToken).join(token));
		expect((await island(app, 'Greeting', token, '/prerendered')).status).toBe(200);
		expect((await island(app, 'Greeting', buildToken, '/prerendered')).status).toBe(403);
		for (const encoding of ['br', 'gzip']) {
			const answer = await page(app, '/prerendered', { 'accept-encoding': encoding });
			expect(answer.headers['content-encoding']).toBe(encoding);
			expect(decoded(answer).toString('utf8')).toBe(html);
			expect(answer.headers['content-length']).toBe(String(answer.bytes.length));
			expect(answer.headers.etag).not.toBe(plain.headers.etag);
			// Made once, then from memory: the same bytes and ETag again, 304 to it, and HEAD says the same length.
			const again = await page(app, '/prerendered', { 'accept-encoding': encoding });
			expect(again.bytes.equals(answer.bytes)).toBe(true);
			expect((await page(app, '/prerendered', { 'accept-encoding': encoding, 'if-none-match': answer.headers.etag! })).status).toBe(304);
			const head = await page(app, '/prerendered', { 'accept-encoding': encoding }, 'HEAD');
			expect([head.headers['content-length'], head.headers.etag, head.bytes.length]).toEqual([String(answer.bytes.length), answer.headers.etag, 0]);
		}
		// A HEAD or a 304 as the very first request of a re-signed page (on a fresh server) works too.
		const fresh = await start(BASIC, OTHER_KEY);
		const head = await page(fresh, '/prerendered', { 'accept-encoding': 'br' }, 'HEAD');
		expect(head.status).toBe(200);
		expect(head.bytes.length).toBe(0);
		const br = await page(app, '/prerendered', { 'accept-encoding': 'br' });
		expect(head.headers.etag).toBe(br.headers.etag);
		expect(head.headers['content-length']).toBe(String(br.bytes.length));
		// Signing is deterministic: another instance with the same key sends the same bytes and ETag.
		const other = await page(fresh, '/prerendered');
		expect([other.body, other.headers.etag]).toEqual([html, plain.headers.etag]);
	});

	it('during a rotation: MOCHI_KEY=new,old re-signs with new and still accepts old tokens; old,new sends the build files', async () => {
		const rotating = await start(BASIC, `${OTHER_KEY},${BUILD_KEY}`);
		const html = (await page(rotating, '/prerendered')).body;
		const token = tokenOf(html, 'Greeting');
		const buildToken = tokenOf(built.html.toString('utf8'), 'Greeting');
		// Pages cached before the deploy still work, and new ones carry only the new key's tokens.
		expect(token).not.toBe(buildToken);
		expect((await island(rotating, 'Greeting', token, '/prerendered')).status).toBe(200);
		expect((await island(rotating, 'Greeting', buildToken, '/prerendered')).status).toBe(200);
		const behind = await start(BASIC, `${BUILD_KEY},${OTHER_KEY}`);
		expect((await page(behind, '/prerendered', { 'accept-encoding': 'br' })).bytes.equals(built.br)).toBe(true);
	});

	it('a page missing from disk answers 500 with a log line, and the server stays up', async () => {
		const app = await start(BASIC, BUILD_KEY);
		const moved = `${file}.br.moved`;
		fs.renameSync(`${file}.br`, moved);
		try {
			const answer = await page(app, '/prerendered', { 'accept-encoding': 'br' });
			expect(answer.status).toBe(500);
			expect(answer.body).not.toContain(BASIC);
			expect(app.output()).toMatch(/\[mochi\] prerendered page \/prerendered could not be read/);
		} finally {
			fs.renameSync(moved, `${file}.br`);
		}
		expect((await page(app, '/prerendered', { 'accept-encoding': 'br' })).bytes.equals(built.br)).toBe(true);
		expect((await page(app, '/')).status).toBe(200);
	});

	it('a page file replaced after start (another size than the build recorded) answers 500, and the server stays up', async () => {
		const app = await start(BASIC, BUILD_KEY);
		// Longer than the manifest's size: written as it is, Node would throw on a Content-Length it exceeds.
		fs.writeFileSync(`${file}.gz`, Buffer.concat([built.gz, Buffer.from('tampered')]));
		try {
			const answer = await page(app, '/prerendered', { 'accept-encoding': 'gzip' });
			expect(answer.status).toBe(500);
			expect(app.output()).toMatch(/\[mochi\] prerendered page \/prerendered could not be read: it has \d+ bytes where \d+ were expected/);
		} finally {
			fs.writeFileSync(`${file}.gz`, built.gz);
		}
		expect((await page(app, '/prerendered', { 'accept-encoding': 'gzip' })).bytes.equals(built.gz)).toBe(true);
		expect((await page(app, '/')).status).toBe(200);
	});
});

describe('prerendered pages with a Content-Security-Policy', () => {
	const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
	/** The inline tags a browser would run or apply: scripts without src that are not JSON data, and styles. */
	const inline = (html: string) =>
		[...html.matchAll(/<(script|style)([^>]*)>([\s\S]*?)<\/\1>/g)].filter(
			([, tag, attributes]) => tag === 'style' || (!/\bsrc=/.test(attributes) && !/type="application\/(?:ld\+)?json"/.test(attributes))
		);

	beforeAll(async () => {
		await buildApp(CSP_APP, { MOCHI_KEY: BUILD_KEY, NODE_ENV: 'production' });
	}, START_TIMEOUT);

	it.each([
		['the build key', BUILD_KEY],
		['another key (re-signed)', OTHER_KEY]
	])('with %s: the policy lists the hash of every inline tag served, no placeholder is left, islands verify', async (_, key) => {
		const app = await start(CSP_APP, key);
		const plain = await page(app, '/prerendered');
		const policy = String(plain.headers['content-security-policy']);
		expect(plain.body).not.toContain('mochi-prerender-');
		expect(plain.body).not.toContain('nonce=');
		const tags = inline(plain.body);
		expect(tags.length).toBeGreaterThan(1);
		for (const [, , , text] of tags) expect(policy).toContain(sha256(text));
		const token = tokenOf(plain.body, 'Greeting');
		expect((await island(app, 'Greeting', token, '/prerendered')).status).toBe(200);
		const br = await page(app, '/prerendered', { 'accept-encoding': 'br' });
		expect(brotliDecompressSync(br.bytes).toString('utf8')).toBe(plain.body);
		expect(br.headers['content-security-policy']).toBe(policy);
	});
});
