import path from 'node:path';
import { signToken, verifyToken, type MochiKey } from './islands/token.js';
import { createKeyring } from './islands/key.js';
import { getKey } from './islands/current-key.js';
import type { SignedIsland } from './islands/island-attributes.js';
import { SECURITY_HEADERS } from './security-headers.js';
import type { CspPolicy, InlineHashes } from './csp.js';
import { filesPage, resignedPage, type PrerenderedPage } from './prerendered-page.js';
import { BodyBudget } from './prerendered-variant.js';

export { bodyHash, type PrerenderedPage } from './prerendered-page.js';

/** One prerendered page as `mochi build` recorded it in build/server/manifest.json. */
export interface PrerenderedEntry {
	/** File under build/prerendered/. */
	file: string;
	headers: Record<string, string>;
	/** The islands signed into the file, so the server can sign them again with its own key. */
	islands: SignedIsland[];
	/** With `mochi({ csp })`: what stands for the nonce in the page as rendered. */
	cspPlaceholder?: string;
	/** What core/prerendered-files.ts wrote: the page as served with the build's key, and its `.br` and `.gz`. */
	served?: ServedFiles;
}

export interface ServedFiles {
	/** bodyHash() of the file: the ETags' base. */
	hash: string;
	/** Bytes of the file, its `.br` and its `.gz`. */
	size: number;
	br: number;
	gzip: number;
	/** With a policy: the hashes of the file's inline tags; the page with its placeholders is then `<file>.source`. */
	csp?: InlineHashes;
}

/** Page bodies kept in memory once read, all pages together (about 8,000 pages of 4 KB in all three encodings). */
export const BODY_BUDGET = 64 * 2 ** 20;

/**
 * The prerendered pages of the build in `dir` (build/prerendered/), served with island tokens signed by
 * the key this server signs with (the first of MOCHI_KEY): the build may have used another key, or none,
 * so the key is read at runtime only and a shell prerendered in CI works in every instance. One token
 * tells which: if the build's verifies with this key alone (and carries no issue time), the build signed
 * every page with it, and the files go out as the build wrote and compressed them. Otherwise each page
 * is re-signed on its first request (prerendered-page.ts). Nothing is read or signed per page here, so
 * start-up does not grow with the pages' bytes; `publish` gets each page's tokens, as served, when the
 * page is first used (the app keeps their verdict: islands/public-tokens.ts).
 */
export function loadPrerendered(
	dir: string,
	entries: Record<string, PrerenderedEntry>,
	options: { csp?: CspPolicy | null; budget?: BodyBudget; publish?: (islands: SignedIsland[]) => void } = {}
): Map<string, PrerenderedPage> {
	const { csp = null, budget = new BodyBudget(BODY_BUDGET), publish = () => {} } = options;
	const key = getKey().current;
	const sameKey = signedWith(entries, key);
	const pages = new Map<string, PrerenderedPage>();
	const shared = sharedHeaders();
	for (const [pathname, entry] of Object.entries(entries)) {
		const file = path.join(dir, entry.file);
		const { served } = entry;
		const policy = csp && served && sameKey ? csp.forHashes(served.csp ?? { script: [], style: [] }) : null;
		const headers = shared(entry.headers, csp && policy ? { [csp.name]: policy } : null);
		const page =
			served && sameKey
				? filesPage({
						file,
						hash: served.hash,
						sizes: [served.size, served.br, served.gzip],
						headers,
						budget,
						used: () => publish(entry.islands)
					})
				: resignedPage({
						source: served?.csp ? `${file}.source` : file,
						resign: () => resign(key, entry.islands, publish),
						headers,
						// With a policy, `<file>` has no placeholder left (its tags were hashed): `.source` has them.
						csp,
						cspPlaceholder: entry.cspPlaceholder,
						budget
					});
		// Keyed as requests spell the path: `/café` arrives as `/caf%C3%A9` (WHATWG's encoding, which browsers use).
		pages.set(PLAIN_PATH.test(pathname) ? pathname : new URL(pathname, 'http://localhost').pathname, page);
	}
	return pages;
}

/**
 * Whether the build signed its pages with `key`: one build signs every page with one key, so its first
 * token says. It must also carry no issue time (with `islands.maxAge` the build's tokens have one, and
 * a prerendered page's islands must never expire: those pages are re-signed without it).
 */
function signedWith(entries: Record<string, PrerenderedEntry>, key: MochiKey): boolean {
	for (const entry of Object.values(entries)) {
		const island = entry.islands[0];
		if (!island) continue;
		const verdict = verifyToken(createKeyring([key]), island.name, island.token);
		return verdict.ok && verdict.issuedAt === undefined && verdict.payload === island.payload && verdict.mode === island.mode;
	}
	return true;
}

/** Each token of the build and the one this key signs for it, on the page's first request. */
function resign(key: MochiKey, islands: SignedIsland[], publish: (islands: SignedIsland[]) => void): [string, string][] {
	// No issue time, even with islands.maxAge on: this page is the same file for as long as the deploy
	// serves it (and CDNs may keep it longer), so its islands must never expire. The payload is the devalue
	// text before framing, so this gives the same token as any other instance.
	const signed = islands.map((island) => ({ ...island, token: signToken(key, island.name, island.mode, island.payload) }));
	publish(signed);
	return islands.map((island, i) => [island.token, signed[i].token]);
}

/** A path that WHATWG's URL parser leaves as it is: most pages' (a URL costs a microsecond or two, times ten thousand). */
const PLAIN_PATH = /^\/[A-Za-z0-9\-._~/]*$/;

/**
 * One headers object for every page whose headers are the same (most are: ten thousand pages, a few sets).
 * The build records the security headers too (render-page.ts); here as well for a build made before they existed.
 */
function sharedHeaders(): (own: Record<string, string>, extra: Record<string, string> | null) => Record<string, string> {
	const seen = new Map<string, Record<string, string>>();
	return (own, extra) => {
		const key = JSON.stringify([own, extra]);
		let known = seen.get(key);
		if (!known) seen.set(key, (known = { 'content-type': 'text/html; charset=utf-8', vary: 'accept-encoding', ...SECURITY_HEADERS, ...own, ...extra }));
		return known;
	};
}

/** What to answer for a prerendered page, decided from the three request headers that matter. */
export interface PrerenderedAnswer {
	status: 200 | 304;
	headers: Record<string, string>;
	/** Null for a 304 or a HEAD. */
	body: Uint8Array | null;
}

/**
 * A GET/HEAD for a prerendered page: brotli or gzip when the client takes it, an ETag per encoding,
 * and 304 on a match. Plain data, so the Node server can write it without building a web Request or
 * Response (the shell is the hottest path there is: see bench/README.md). Synchronous once the page's
 * bytes are in memory; a promise while they are read or made.
 */
export function answerPrerendered(
	page: PrerenderedPage,
	method: string,
	acceptEncoding: string | null | undefined,
	ifNoneMatch: string | null | undefined
): PrerenderedAnswer | Promise<PrerenderedAnswer> {
	const variants = page.variants;
	if (!variants) return page.ready().then(() => answerPrerendered(page, method, acceptEncoding, ifNoneMatch));
	const encoding = pickEncoding(acceptEncoding ?? null);
	const variant = encoding ? variants[encoding] : variants.identity;
	if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === variant.etag)) {
		return { status: 304, headers: variant.notModified, body: null };
	}
	if (variant.body) return { status: 200, headers: variant.ok, body: method === 'HEAD' ? null : variant.body };
	if (method === 'HEAD' && variant.size !== null) return { status: 200, headers: variant.ok, body: null };
	return variant.read().then((body) => ({ status: 200, headers: variant.ok, body: method === 'HEAD' ? null : body }));
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
