// The docs' Markdown step (sites/docs/src/lib/server/markdown.ts, front-matter.ts), run by mochi build.
import { describe, expect, it } from 'vitest';
import { codeSamples, renderMarkdown, slugify } from '../../sites/docs/src/lib/server/markdown.js';
import { splitFrontMatter } from '../../sites/docs/src/lib/server/front-matter.js';

describe('docs markdown', () => {
	it('headings get stable, unique ids and a link to themselves', () => {
		const { html, headings } = renderMarkdown('## `mochi:defer:visible`\n\ntext\n\n## Notes\n\n### Notes\n');
		expect(headings.map((h) => [h.depth, h.text, h.id])).toEqual([
			[2, 'mochi:defer:visible', 'mochi-defer-visible'],
			[2, 'Notes', 'notes'],
			[3, 'Notes', 'notes-2']
		]);
		expect(html).toContain('<h2 id="mochi-defer-visible"><code>mochi:defer:visible</code> <a class="anchor" href="#mochi-defer-visible"');
		expect(slugify('Behind a proxy')).toBe('behind-a-proxy');
	});

	it('a fence with file= is shown as that file, escaped, and listed as a complete sample', () => {
		const source = '```svelte file=src/routes/a.svelte\n<h1>{"<&>"}</h1>\n```\n\n```ts\nlet x = 1;\n```\n';
		const { html } = renderMarkdown(source);
		expect(html).toContain('<figure class="file"><figcaption>src/routes/a.svelte</figcaption><pre><code class="language-svelte">&lt;h1&gt;{&quot;&lt;&amp;&gt;&quot;}&lt;/h1&gt;</code></pre></figure>');
		expect(codeSamples(source)).toEqual([
			{ lang: 'svelte', file: 'src/routes/a.svelte', code: '<h1>{"<&>"}</h1>' },
			{ lang: 'ts', file: null, code: 'let x = 1;' }
		]);
	});

	it('front matter needs a title, a description and an order, and names the file when it lacks one', () => {
		const ok = splitFrontMatter('---\ntitle: A\ndescription: About a\norder: 2\n---\n# Body\n', 'content/guide/a.md');
		expect(ok).toEqual({ meta: { title: 'A', description: 'About a', order: 2 }, body: '# Body\n' });
		expect(() => splitFrontMatter('# no front matter', 'content/guide/b.md')).toThrow('content/guide/b.md: a content file starts with front matter');
		expect(() => splitFrontMatter('---\ntitle: A\norder: 1\n---\n', 'content/guide/c.md')).toThrow('content/guide/c.md: front matter needs a title, a description');
		expect(() => splitFrontMatter('---\ntitel: A\n---\n', 'content/guide/d.md')).toThrow('"titel: A" is not one of title, description, order');
	});
});
