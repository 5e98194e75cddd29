import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { signToken } from './islands/token.js';
import { getKey } from './islands/current-key.js';
import type { SignedIsland } from './islands/island-attributes.js';

/** One prerendered page as `mochi build` recorded it in build/server/manifest.json. */
export interface PrerenderedEntry {
	/** File under build/prerendered/. */
	file: string;
	headers: Record<string, string>;
	/** The islands signed into the file, so the server can sign them again with its own key. */
	islands: SignedIsland[];
}

export interface PrerenderedPage {
	body: Uint8Array<ArrayBuffer>;
	headers: Record<string, string>;
	etag: string;
}

/**
 * Loads prerendered pages into memory and re-signs their island tokens with the key this server
 * signs with (the first of MOCHI_KEY). The build may have used another key (or none at all):
 * re-signing here means the key is read at runtime only, and a shell prerendered in CI still works
 * in every instance.
 */
export function loadPrerendered(dir: string, entries: Record<string, PrerenderedEntry>): Map<string, PrerenderedPage> {
	const key = getKey().current;
	const pages = new Map<string, PrerenderedPage>();
	for (const [pathname, entry] of Object.entries(entries)) {
		let html = fs.readFileSync(path.join(dir, entry.file), 'utf8');
		for (const island of entry.islands) {
			// No issue time, even with islands.maxAge on: this page is the same file for as long as the
			// deploy serves it (and CDNs may keep it longer), so its islands must never expire. The payload
			// is the devalue text before framing, so this gives the same token as any other instance.
			const token = signToken(key, island.name, island.mode, island.payload);
			if (token !== island.token) html = html.split(island.token).join(token);
		}
		const body = new TextEncoder().encode(html);
		const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
		pages.set(pathname, { body, headers: { 'content-type': 'text/html; charset=utf-8', ...entry.headers }, etag });
	}
	return pages;
}

/** Answer a GET/HEAD for a prerendered page from memory, with an ETag and 304 on a match. */
export function respondPrerendered(page: PrerenderedPage, request: Request): Response {
	const headers = new Headers(page.headers);
	headers.set('etag', page.etag);
	const match = request.headers.get('if-none-match');
	if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === page.etag)) {
		return new Response(null, { status: 304, headers });
	}
	headers.set('content-length', String(page.body.byteLength));
	return new Response(request.method === 'HEAD' ? null : page.body, { status: 200, headers });
}
