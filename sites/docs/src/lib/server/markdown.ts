// Markdown to HTML for the docs, with `marked`. Runs on the server only, and only while `mochi build`
// prerenders the pages: the browser never receives marked or the Markdown. Pure (no file system), so the
// sample-compiling test runs the very same parsing over the content files.
import { Marked, type Tokens } from 'marked';

export interface Heading {
	depth: number;
	/** Plain text, as the sidebar and the search index show it. */
	text: string;
	/** The element's `id`: `#mochi-defer-visible` links to it. */
	id: string;
}

/**
 * A fenced block whose info string names a file (```` ```svelte file=src/routes/index.svelte ````) is a
 * complete file: tests/docs/samples.test.ts compiles it. Other blocks are fragments and stay unchecked.
 */
export interface CodeSample {
	lang: string;
	file: string | null;
	code: string;
}

export function parseInfo(info: string | undefined): { lang: string; file: string | null } {
	const [lang = '', ...rest] = (info ?? '').trim().split(/\s+/);
	const file = rest.find((part) => part.startsWith('file='))?.slice('file='.length) ?? null;
	return { lang, file };
}

/** `` `mochi:defer:visible` `` → `mochi-defer-visible`; the same words always give the same anchor. */
export function slugify(text: string): string {
	return text
		.toLowerCase()
		.replace(/<[^>]*>/g, '')
		.replace(/&[a-z0-9#]+;/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

export function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Tags out and entities back: the plain text of a bit of rendered HTML. */
export function plainText(html: string): string {
	return html
		.replace(/<[^>]*>/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim();
}

/** One page's HTML and its headings (each with a unique id, and a `#` link to itself). */
export function renderMarkdown(markdown: string): { html: string; headings: Heading[] } {
	const headings: Heading[] = [];
	const taken = new Set<string>();
	const marked = new Marked({ gfm: true });
	marked.use({
		renderer: {
			heading({ tokens, depth }: Tokens.Heading) {
				const inner = this.parser.parseInline(tokens);
				const text = plainText(inner);
				let id = slugify(inner) || 'section';
				for (let n = 2; taken.has(id); n++) id = `${slugify(inner)}-${n}`;
				taken.add(id);
				headings.push({ depth, text, id });
				return `<h${depth} id="${id}">${inner} <a class="anchor" href="#${id}" aria-label="Link to this section">#</a></h${depth}>\n`;
			},
			code({ text, lang }: Tokens.Code) {
				const info = parseInfo(lang);
				const language = info.lang ? ` class="language-${escapeHtml(info.lang)}"` : '';
				const pre = `<pre><code${language}>${escapeHtml(text)}</code></pre>`;
				if (!info.file) return pre + '\n';
				return `<figure class="file"><figcaption>${escapeHtml(info.file)}</figcaption>${pre}</figure>\n`;
			}
		}
	});
	const html = marked.parse(markdown, { async: false });
	return { html, headings };
}

/** Every fenced code block of a page, in order. */
export function codeSamples(markdown: string): CodeSample[] {
	const samples: CodeSample[] = [];
	new Marked({ gfm: true }).walkTokens(new Marked({ gfm: true }).lexer(markdown), (token) => {
		if (token.type !== 'code' || (token as Tokens.Code).codeBlockStyle === 'indented') return;
		const { lang, file } = parseInfo((token as Tokens.Code).lang);
		samples.push({ lang, file, code: (token as Tokens.Code).text });
	});
	return samples;
}
