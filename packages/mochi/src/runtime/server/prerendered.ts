import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { signToken } from './islands/token.js';
import { getKey } from './islands/current-key.js';
import type { SignedIsland } from './islands/island-attributes.js';
import { SECURITY_HEADERS } from './security-headers.js';
import type { CspPolicy } from './csp.js';
import { hashInlineTags } from './prerendered-csp.js';

/** One prerendered page as `mochi build` recorded it in build/server/manifest.json. */
export interface PrerenderedEntry {
	/** File under build/prerendered/. */
	file: string;
	headers: Record<string, string>;
	/** The islands signed into the file, so the server can sign them again with its own key. */
	islands: SignedIsland[];
	/** With `mochi({ csp })`: what stands for the nonce in the file; its tags are hashed at start. */
	cspPlaceholder?: string;
}

/** One encoding of a prerendered page; each has its own ETag, as the bytes differ. */
interface Variant {
	body: Uint8Array<ArrayBuffer>;
	etag: string;
	/** The response headers for a 200 and for a 304, built once at load: nothing is allocated per request. */
	ok?: Record<string, string>;
	notModified?: Record<string, string>;
}

export interface PrerenderedPage {
	headers: Record<string, string>;
	/** Its islands, as re-signed with this server's key. */
	islands: SignedIsland[];
	identity: Variant;
	br: Variant;
	gzip: Variant;
}

/**
 * Loads prerendered pages into memory and re-signs their island tokens with the key this server
 * signs with (the first of MOCHI_KEY). The build may have used another key (or none at all):
 * re-signing here means the key is read at runtime only, and a shell prerendered in CI still works
 * in every instance.
 */
export function loadPrerendered(
	dir: string,
	entries: Record<string, PrerenderedEntry>,
	csp: CspPolicy | null = null
): Map<string, PrerenderedPage> {
	const key = getKey().current;
	const pages = new Map<string, PrerenderedPage>();
	for (const [pathname, entry] of Object.entries(entries)) {
		let html = fs.readFileSync(path.join(dir, entry.file), 'utf8');
		const islands: SignedIsland[] = [];
		for (const island of entry.islands) {
			// No issue time, even with islands.maxAge on: this page is the same file for as long as the
			// deploy serves it (and CDNs may keep it longer), so its islands must never expire. The payload
			// is the devalue text before framing, so this gives the same token as any other instance.
			const token = signToken(key, island.name, island.mode, island.payload);
			if (token !== island.token) html = html.split(island.token).join(token);
			islands.push({ ...island, token });
		}
		// After re-signing: the hashes are of the bytes that will be served.
		// The build records the security headers too (render-page.ts); here as well for a build made before they existed.
		const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', vary: 'accept-encoding', ...SECURITY_HEADERS, ...entry.headers };
		if (csp) {
			const inline = entry.cspPlaceholder ? hashInlineTags(html, entry.cspPlaceholder) : { html, hashes: { script: [], style: [] } };
			html = inline.html;
			headers[csp.name] = csp.forHashes(inline.hashes);
		}
		// Compressed once here, at the highest levels, rather than on every request.
		const body = new TextEncoder().encode(html);
		const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}`;
		// Keyed as requests spell the path: `/café` arrives as `/caf%C3%A9` (WHATWG's encoding, which browsers use).
		pages.set(new URL(pathname, 'http://localhost').pathname, {
			headers,
			islands,
			identity: { body, etag: `${etag}"` },
			br: { body: new Uint8Array(brotliCompressSync(body, BROTLI)), etag: `${etag}-br"` },
			gzip: { body: new Uint8Array(gzipSync(body, { level: constants.Z_BEST_COMPRESSION })), etag: `${etag}-gz"` }
		});
	}
	return pages;
}

const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } };

/** What to answer for a prerendered page, decided from the three request headers that matter. */
export interface PrerenderedAnswer {
	status: 200 | 304;
	headers: Record<string, string>;
	/** Null for a 304 or a HEAD. */
	body: Uint8Array<ArrayBuffer> | null;
}

/**
 * A GET/HEAD for a prerendered page, from memory: brotli or gzip when the client takes it, an ETag
 * per encoding, and 304 on a match. Plain data, so the Node server can write it without building a
 * web Request or Response (the shell is the hottest path there is: see bench/README.md).
 */
export function answerPrerendered(
	page: PrerenderedPage,
	method: string,
	acceptEncoding: string | null | undefined,
	ifNoneMatch: string | null | undefined
): PrerenderedAnswer {
	const encoding = pickEncoding(acceptEncoding ?? null);
	const variant = encoding ? page[encoding] : page.identity;
	if (!variant.notModified) {
		variant.notModified = { ...page.headers, etag: variant.etag, ...(encoding && { 'content-encoding': encoding }) };
		variant.ok = { ...variant.notModified, 'content-length': String(variant.body.byteLength) };
	}
	if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === variant.etag)) {
		return { status: 304, headers: variant.notModified, body: null };
	}
	return { status: 200, headers: variant.ok!, body: method === 'HEAD' ? null : variant.body };
}

/** `br` over `gzip` when both are accepted; neither when refused with `q=0` or not asked for. */
export function pickEncoding(header: string | null): 'br' | 'gzip' | null {
	if (!header) return null;
	let gzip = false;
	for (const part of header.split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		const refused = params.some((param) => /^\s*q\s*=\s*0(?:\.0*)?\s*$/.test(param));
		if (refused) continue;
		if (name === 'br') return 'br';
		if (name === 'gzip' || name === '*') gzip = true;
	}
	return gzip ? 'gzip' : null;
}
