import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { answerPrerendered, bodyHash, loadPrerendered, type PrerenderedEntry } from './prerendered.js';
import { signToken, verifyToken } from './islands/token.js';
import { createKeyring, keyFromSecret } from './islands/key.js';
import { setKey } from './islands/current-key.js';
import type { SignedIsland } from './islands/island-attributes.js';
import { randomBytes } from 'node:crypto';

const buildKey = keyFromSecret(randomBytes(32));
const otherKey = keyFromSecret(randomBytes(32));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mochi-load-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => setKey(createKeyring([keyFromSecret(randomBytes(32))])));

/** One page as the build writes it, its island signed with `key` (and an issue time, as with islands.maxAge). */
function built(options: { issuedAt?: number } = {}): Record<string, PrerenderedEntry> {
	const payload = '[{"who":1},"x"]';
	const island: SignedIsland = { name: 'Greeting', mode: 'plain', payload, token: signToken(buildKey, 'Greeting', 'plain', payload, options) };
	const html = `<p><mochi-island name="Greeting" signed-props="${island.token}"></mochi-island></p>`;
	fs.writeFileSync(path.join(dir, 'index.html'), html);
	// Marked, so a test can tell the build's compressed file from anything made at runtime.
	fs.writeFileSync(path.join(dir, 'index.html.br'), 'BUILD-BR');
	fs.writeFileSync(path.join(dir, 'index.html.gz'), 'BUILD-GZ');
	const served = { hash: bodyHash(Buffer.from(html)), size: Buffer.byteLength(html), br: 8, gzip: 8 };
	return { '/': { file: 'index.html', headers: {}, islands: [island], served } };
}

const load = (entries: Record<string, PrerenderedEntry>, published: SignedIsland[][]) =>
	loadPrerendered(dir, entries, { publish: (islands) => published.push(islands) }).get('/')!;

describe('loadPrerendered', () => {
	it("with the build's key: sends the build's files, and publishes its tokens on first use only", async () => {
		setKey(createKeyring([buildKey, otherKey]));
		const entries = built();
		const published: SignedIsland[][] = [];
		const page = load(entries, published);
		expect(published).toEqual([]);
		expect(Buffer.from((await answerPrerendered(page, 'GET', 'br', null)).body!).toString()).toBe('BUILD-BR');
		expect(published).toEqual([entries['/'].islands]);
		await answerPrerendered(page, 'GET', 'gzip', null);
		expect(published).toHaveLength(1);
	});

	it('with another key at the head of the list (a rotation): re-signs on first request, with tokens that verify with it', async () => {
		setKey(createKeyring([otherKey, buildKey]));
		const entries = built();
		const published: SignedIsland[][] = [];
		const page = load(entries, published);
		expect(published).toEqual([]);
		const html = Buffer.from((await answerPrerendered(page, 'GET', null, null)).body!).toString();
		const token = /signed-props="([^"]+)"/.exec(html)![1];
		expect(token).not.toBe(entries['/'].islands[0].token);
		expect(verifyToken(createKeyring([otherKey]), 'Greeting', token)).toMatchObject({ ok: true, payload: entries['/'].islands[0].payload });
		expect(published.flat().map((island) => island.token)).toEqual([token]);
		expect(Buffer.from((await answerPrerendered(page, 'GET', 'br', null)).body!).toString()).not.toBe('BUILD-BR');
	});

	it('re-signs tokens the build gave an issue time (islands.maxAge), even with its key: they must never expire', async () => {
		setKey(createKeyring([buildKey]));
		const entries = built({ issuedAt: 1_000_000 });
		const page = load(entries, []);
		const html = Buffer.from((await answerPrerendered(page, 'GET', null, null)).body!).toString();
		const token = /signed-props="([^"]+)"/.exec(html)![1];
		const verdict = verifyToken(createKeyring([buildKey]), 'Greeting', token, { maxAge: 1, now: Date.now() });
		expect(verdict).toMatchObject({ ok: true });
		expect(verdict).not.toHaveProperty('issuedAt');
	});
});
