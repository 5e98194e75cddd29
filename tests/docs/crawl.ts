// A crawler over the built docs, through real HTTP: from `/`, every same-origin `<a href>` is fetched once,
// and each page's links, anchors, scripts and metadata are kept for the suites to check. Bounded in pages.
import { send } from '../helpers/raw-request.js';

export interface CrawledPage {
	url: string;
	status: number;
	contentType: string;
	html: string;
	/** Every `id="…"` in the page: what a `#fragment` may name. */
	ids: Set<string>;
	/** Same-origin `<a href>`s, resolved (path + search + hash). */
	links: string[];
}

const MAX_PAGES = 200;

export function decodeEntities(text: string): string {
	return text
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
}

/** Attributes of every tag named `tag` (Svelte writes them double-quoted). */
export function attributesOf(html: string, tag: string): Array<Record<string, string>> {
	const found: Array<Record<string, string>> = [];
	for (const match of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'gi'))) {
		const attributes: Record<string, string> = {};
		for (const [, name, value] of match[1].matchAll(/([^\s=/>]+)(?:="([^"]*)")?/g)) attributes[name.toLowerCase()] = decodeEntities(value ?? '');
		found.push(attributes);
	}
	return found;
}

/** The same-origin links of a bit of HTML, as `path?search#hash` (external ones left out). */
export function internalLinks(html: string, base: string): string[] {
	const origin = new URL(base).origin;
	return attributesOf(html, 'a')
		.map((a) => a.href)
		.filter((href): href is string => href !== undefined)
		.map((href) => new URL(href, base))
		.filter((url) => url.origin === origin)
		.map((url) => url.pathname + url.search + url.hash);
}

export async function crawl(origin: string, start = '/'): Promise<Map<string, CrawledPage>> {
	const pages = new Map<string, CrawledPage>();
	const queue = [start];
	while (queue.length) {
		const target = queue.shift()!;
		if (pages.has(target)) continue;
		if (pages.size >= MAX_PAGES) throw new Error(`the crawl passed ${MAX_PAGES} pages: a link loop?`);
		const answer = await send(origin + target, { timeoutMs: 15_000 });
		const contentType = String(answer.headers['content-type'] ?? '');
		const html = contentType.startsWith('text/html') ? answer.body : '';
		const links = html ? internalLinks(html, origin + target) : [];
		const ids = new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => decodeEntities(m[1])));
		pages.set(target, { url: target, status: answer.status, contentType, html, ids, links });
		for (const link of links) {
			const page = link.replace(/#.*$/, '');
			if (!pages.has(page) && !queue.includes(page)) queue.push(page);
		}
	}
	return pages;
}
