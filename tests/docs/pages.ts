// Every page the content promises is built and served, links and anchors resolve, every page has a title
// and a description, and a page without islands ships no JavaScript.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { attributesOf, crawl, type CrawledPage } from './crawl.js';
import { contentUrls, DOCS, type Docs } from './fixture.js';

export function pagesSuite(docs: Docs): void {
	let crawled: Map<string, CrawledPage>;
	const pages = () => [...crawled.values()];
	const crawlOnce = async () => (crawled ??= await crawl(docs.url));

	describe('the built docs, crawled over HTTP', () => {
		it('mochi build prerendered every page: home, search, and one per content file through entries()', () => {
			for (const url of ['/', '/search', ...contentUrls()]) {
				const file = `build/prerendered/${url === '/' ? 'index' : url.slice(1)}.html`;
				expect(docs.buildOutput).toContain(`prerendered ${url} → ${file}`);
				expect(existsSync(path.join(DOCS, file)), file).toBe(true);
			}
		});

		it('reaches every content page, the home page and search, each a 200 HTML page', async () => {
			await crawlOnce();
			const expected = ['/', '/search', ...contentUrls()];
			expect(expected.length).toBeGreaterThan(12);
			for (const url of expected) {
				expect(crawled.get(url), `${url} was not linked from anywhere`).toBeDefined();
			}
			for (const page of pages()) {
				expect([page.url, page.status, page.contentType]).toEqual([page.url, 200, expect.stringMatching(/^text\/html/)]);
			}
		});

		it('every internal link answers 200 and every #anchor names an element of its page', async () => {
			await crawlOnce();
			const broken: string[] = [];
			let anchors = 0;
			for (const page of pages()) {
				for (const link of page.links) {
					const [target, hash] = link.split('#');
					const found = crawled.get(target);
					if (!found || found.status !== 200) broken.push(`${page.url} → ${link}: ${found?.status ?? 'not fetched'}`);
					else if (hash !== undefined && hash !== '' && !found.ids.has(decodeURIComponent(hash))) {
						broken.push(`${page.url} → ${link}: no id="${hash}" there`);
					}
					if (hash) anchors++;
				}
			}
			expect(broken).toEqual([]);
			// The sidebar, tables of contents and cross-references: far more than a handful of anchors.
			expect(anchors).toBeGreaterThan(50);
		});

		it('a link to a page that does not exist would be caught: the server answers it 404', async () => {
			await crawlOnce();
			const missing = await crawl(docs.url, '/guide/no-such-page');
			expect(missing.get('/guide/no-such-page')!.status).toBe(404);
		});

		it('every page has one non-empty <title> and a meta description, no two pages the same title', async () => {
			await crawlOnce();
			const titles = new Map<string, string>();
			for (const page of pages()) {
				const found = [...page.html.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1].trim());
				expect(found, page.url).toHaveLength(1);
				expect(found[0], page.url).not.toBe('');
				expect(titles.get(found[0]), `${page.url} has the title of ${titles.get(found[0])}`).toBeUndefined();
				titles.set(found[0], page.url);
				const descriptions = attributesOf(page.html, 'meta').filter((meta) => meta.name === 'description');
				expect(descriptions, page.url).toHaveLength(1);
				expect(descriptions[0].content?.length ?? 0, page.url).toBeGreaterThan(30);
			}
		});

		it('pages without islands ship no JavaScript; pages with islands load the runtime', async () => {
			await crawlOnce();
			const scripts = (html: string) => attributesOf(html, 'script').filter((script) => script.type !== 'application/json');
			const preloads = (html: string) => attributesOf(html, 'link').filter((link) => link.rel === 'modulepreload');
			const withoutIslands = pages().filter((page) => !page.html.includes('<mochi-island'));
			for (const page of withoutIslands) {
				expect([page.url, scripts(page.html), preloads(page.html)]).toEqual([page.url, [], []]);
			}
			// The reference is looked up, not read in order: no reading-place island, so none of its pages has any.
			expect(withoutIslands.map((page) => page.url).sort()).toEqual(contentUrls('reference').sort());
			for (const page of pages().filter((page) => page.html.includes('<mochi-island'))) {
				expect(scripts(page.html).map((script) => script.src), page.url).toEqual([expect.stringMatching(/^\/_mochi\/assets\/runtime-[\w-]+\.js$/)]);
			}
		});

		it('marked and the Markdown stay on the server: no client file holds either', async () => {
			await crawlOnce();
			const search = crawled.get('/search')!;
			const queue = [
				...attributesOf(search.html, 'script').map((s) => s.src),
				...attributesOf(search.html, 'mochi-island').map((i) => i.component)
			].filter((src): src is string => Boolean(src));
			expect(queue.length).toBeGreaterThan(1);
			// The runtime, the Search island's chunk and every chunk they import (bounded).
			const seen = new Set<string>();
			while (queue.length && seen.size < 40) {
				const source = queue.shift()!;
				if (seen.has(source)) continue;
				seen.add(source);
				const response = await fetch(docs.url + source);
				expect(response.status, source).toBe(200);
				const code = await response.text();
				// marked's own error text, and a sentence of a content file.
				expect(code, source).not.toContain('input parameter is undefined or null');
				expect(code, source).not.toContain('signed, not encrypted');
				for (const [, relative] of code.matchAll(/["'](\.\.?\/[^"']+\.js)["']/g)) queue.push(new URL(relative, docs.url + source).pathname);
			}
			expect(seen.size).toBeGreaterThanOrEqual(2);
		});
	});
}
