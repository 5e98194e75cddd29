// The docs' pages, from the Markdown files in content/. Server-only (src/lib/server): Vite bundles the raw
// Markdown into the server build, and `mochi build` renders each page once, while prerendering.
import { splitFrontMatter } from './front-matter.js';
import { plainText, renderMarkdown, type Heading } from './markdown.js';
import type { SearchEntry } from '../search-words.js';

export type Section = 'guide' | 'reference';

export interface DocPage {
	/** `guide/routing`: the route's `[...slug]` param and the content file's path without `.md`. */
	slug: string;
	url: string;
	section: Section;
	title: string;
	description: string;
	html: string;
	headings: Heading[];
}

export const SECTIONS: Record<Section, string> = { guide: 'Guide', reference: 'Reference' };

const files = import.meta.glob('/content/**/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

function load(): DocPage[] {
	const pages = Object.entries(files).map(([file, source]) => {
		const slug = file.replace(/^\/content\//, '').replace(/\.md$/, '');
		const section = slug.split('/')[0];
		if (!(section in SECTIONS) || slug.split('/').length !== 2) {
			throw new Error(`content${file.slice('/content'.length)}: pages live in content/guide/ or content/reference/.`);
		}
		const { meta, body } = splitFrontMatter(source, `content/${slug}.md`);
		const { html, headings } = renderMarkdown(body);
		return { slug, url: `/${slug}`, section: section as Section, order: meta.order, title: meta.title, description: meta.description, html, headings };
	});
	pages.sort((a, b) => (a.section === b.section ? a.order - b.order : a.section === 'guide' ? -1 : 1));
	return pages.map(({ order: _order, ...page }) => page);
}

/** Every page, the guide in reading order, then the reference. */
export const pages: DocPage[] = load();

export function findPage(slug: string): DocPage | undefined {
	return pages.find((page) => page.slug === slug);
}

/** The guide page after this one, for "next" links and for picking up where a reader stopped. */
export function nextPage(slug: string): DocPage | undefined {
	const guide = pages.filter((page) => page.section === 'guide');
	const index = guide.findIndex((page) => page.slug === slug);
	return index < 0 ? undefined : guide[index + 1];
}

/** What the search island filters in the browser, worked out while the search page is prerendered. */
export function searchIndex(): SearchEntry[] {
	return pages.flatMap((page) => {
		// Each h2/h3 starts a section; its text runs to the next one.
		const parts = page.html.split(/(?=<h[23] id=")/);
		return parts.map((part) => {
			const id = /^<h[23] id="([^"]+)"/.exec(part)?.[1];
			const heading = id ? (page.headings.find((h) => h.id === id)?.text ?? '') : '';
			const text = plainText(part.replace(/<a class="anchor"[^>]*>#<\/a>/, ''));
			return { title: page.title, heading, url: id ? `${page.url}#${id}` : page.url, text: heading ? text.slice(heading.length).trim() : text };
		});
	});
}
