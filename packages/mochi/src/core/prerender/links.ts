// Build time: the same-origin links of a prerendered page, which `mochi build` follows (crawl.ts). Svelte's
// output is regular enough for a tag scan: attribute values are quoted and escaped (`&amp;`, `&quot;`).
import { canonicalPath } from '../../node/canonical-path.js';

const A_TAG = /<a(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

export interface Link {
	/** As written in the page, entities decoded: what messages show. */
	href: string;
	/** The canonical pathname it requests, without query, hash or trailing slash: what a prerendered page is keyed by. */
	pathname: string;
}

/**
 * Every `<a href>` of `html` that stays on `origins[0]` (the page's own) or another of `origins` (`ORIGIN`),
 * resolved against `pageUrl`. The query and the hash are dropped: a prerendered page is one file for its path,
 * whatever the query (the server looks it up by path alone). `rel="external"` and `download` links are skipped.
 */
export function findLinks(html: string, pageUrl: URL, origins: readonly string[]): Link[] {
	const links: Link[] = [];
	for (const tag of html.matchAll(A_TAG)) {
		const attributes = new Map<string, string>();
		for (const attribute of tag[1].matchAll(ATTRIBUTE)) {
			attributes.set(attribute[1].toLowerCase(), decodeEntities(attribute[2] ?? attribute[3] ?? attribute[4] ?? ''));
		}
		const href = attributes.get('href');
		if (href === undefined || attributes.has('download')) continue;
		if ((attributes.get('rel') ?? '').toLowerCase().split(/\s+/).includes('external')) continue;
		let url: URL;
		try {
			url = new URL(href.trim(), pageUrl);
		} catch {
			continue;
		}
		if (!origins.includes(url.origin)) continue;
		// The server redirects `/a/` to `/a` (router.ts), so both name one page.
		const pathname = canonicalPath(url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname);
		links.push({ href, pathname });
	}
	return links;
}

const NAMED: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: '\u00a0' };

function decodeEntities(value: string): string {
	if (!value.includes('&')) return value;
	return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
		if (body[0] !== '#') return NAMED[body.toLowerCase()] ?? whole;
		const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
		return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
	});
}
