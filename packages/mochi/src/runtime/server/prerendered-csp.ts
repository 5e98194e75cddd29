import { cspHash, type InlineHashes } from './csp.js';

/**
 * A prerendered page is one file for every visitor, so a nonce in it would be public. `mochi build`
 * renders it with a random placeholder as the nonce instead (Svelte's `hydratable()` data scripts and
 * the app's own `<script nonce={ctx.cspNonce}>` carry it); here, when the server starts, every inline
 * `<script>` and `<style>` carrying it loses the attribute and is listed in the page's policy by its
 * sha256. This runs after the island tokens are re-signed by string replacement (prerendered.ts), on
 * the bytes that will be served, so a script that holds a token still matches its hash. An external
 * `<script src nonce>` can't be allowed by a hash of its (empty) text: it just loses the attribute.
 */
export function hashInlineTags(html: string, placeholder: string): { html: string; hashes: InlineHashes } {
	const attribute = ` nonce="${placeholder}"`;
	const lower = html.toLowerCase();
	const hashes: InlineHashes = { script: [], style: [] };
	let out = '';
	let from = 0;
	for (let at = html.indexOf(attribute); at !== -1; at = html.indexOf(attribute, at + attribute.length)) {
		const open = html.lastIndexOf('<', at);
		const tag = /^<(script|style)[\s/]/i.exec(html.slice(open, open + 8))?.[1].toLowerCase() as 'script' | 'style' | undefined;
		if (!tag) continue; // some other element's nonce: no CSP meaning, left alone
		const end = tagEnd(html, at + attribute.length);
		if (end === -1) break;
		const close = lower.indexOf(`</${tag}`, end);
		if (close === -1) break;
		const external = tag === 'script' && /\ssrc\s*=/i.test(html.slice(open, end));
		if (!external) hashes[tag].push(cspHash(html.slice(end + 1, close)));
		out += html.slice(from, at);
		from = at + attribute.length;
	}
	return { html: out + html.slice(from), hashes };
}

/** The `>` that ends the tag whose attributes continue at `from` (a `>` inside a quoted value doesn't). */
function tagEnd(html: string, from: number): number {
	let quote = '';
	for (let i = from; i < html.length; i++) {
		const c = html[i];
		if (quote) {
			if (c === quote) quote = '';
		} else if (c === '"' || c === "'") quote = c;
		else if (c === '>') return i;
	}
	return -1;
}
