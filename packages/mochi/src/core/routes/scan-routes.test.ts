import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scanRoutes } from './scan-routes.js';

const roots: string[] = [];

/** Builds a throwaway app whose `src/routes` holds the given files (paths relative to it). */
function app(files: string[], routesDir = 'src/routes'): string {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mochi-routes-'));
	roots.push(root);
	fs.mkdirSync(path.join(root, routesDir), { recursive: true });
	for (const file of files) {
		const full = path.join(root, routesDir, file);
		fs.mkdirSync(path.dirname(full), { recursive: true });
		fs.writeFileSync(full, '');
	}
	return root;
}

function ids(files: string[]): string[] {
	return scanRoutes({ root: app(files) }).routes.map((r) => r.id);
}

function scanError(files: string[]): string {
	try {
		scanRoutes({ root: app(files) });
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error('expected scanRoutes to throw');
}

afterEach(() => {
	for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

describe('scanRoutes: file names', () => {
	it('maps index, named and nested files to URLs', () => {
		const { routes } = scanRoutes({ root: app(['index.svelte', 'about.svelte', 'blog/index.svelte']) });
		expect(routes.map((r) => [r.id, r.kind, r.file])).toEqual([
			['/about', 'page', 'src/routes/about.svelte'],
			['/blog', 'page', 'src/routes/blog/index.svelte'],
			['/', 'page', 'src/routes/index.svelte']
		]);
	});

	it('parses params, rest params and dynamic folders into segments', () => {
		const { routes } = scanRoutes({
			root: app(['blog/[slug].svelte', 'docs/[...path].svelte', 'blog/[slug]/comments.svelte'])
		});
		const byId = Object.fromEntries(routes.map((r) => [r.id, r.segments]));
		expect(byId['/blog/[slug]']).toEqual([
			{ type: 'static', value: 'blog' },
			{ type: 'param', name: 'slug' }
		]);
		expect(byId['/docs/[...path]']).toEqual([
			{ type: 'static', value: 'docs' },
			{ type: 'rest', name: 'path' }
		]);
		expect(byId['/blog/[slug]/comments']).toEqual([
			{ type: 'static', value: 'blog' },
			{ type: 'param', name: 'slug' },
			{ type: 'static', value: 'comments' }
		]);
	});

	it('gives index files in dynamic folders the folder URL', () => {
		expect(ids(['users/[id]/index.svelte', 'files/[...rest]/index.svelte'])).toEqual([
			'/users/[id]',
			'/files/[...rest]'
		]);
	});

	it('treats .ts and .js files as endpoints, index.ts included', () => {
		const { routes } = scanRoutes({ root: app(['api/time.ts', 'api/index.js', 'sitemap.xml.ts']) });
		expect(routes.map((r) => [r.id, r.kind])).toEqual([
			['/api/time', 'endpoint'],
			['/api', 'endpoint'],
			['/sitemap.xml', 'endpoint']
		]);
	});

	it('skips declarations, tests, Svelte modules and other files', () => {
		const tree = scanRoutes({
			root: app([
				'index.svelte',
				'types.d.ts',
				'about.test.ts',
				'about.spec.js',
				'state.svelte.ts',
				'styles.css',
				'notes.md',
				'.DS_Store'
			])
		});
		expect(tree.routes.map((r) => r.id)).toEqual(['/']);
		expect(tree.warnings).toEqual([
			expect.stringContaining('src/routes/notes.md is ignored'),
			expect.stringContaining('src/routes/state.svelte.ts is a Svelte module')
		]);
	});

	it('warns about files other frameworks route (Markdown, mdsvex, JSX), naming the file; not about styles or data', () => {
		const tree = scanRoutes({ root: app(['index.svelte', 'post.md', 'blog/hello.svx', 'widget.tsx', 'feed.mjs', 'site.css', 'data.json', 'logo.png', '_draft.md']) });
		expect(tree.routes.map((r) => r.id)).toEqual(['/']);
		expect(tree.warnings).toEqual([
			'src/routes/blog/hello.svx is ignored: Mochi routes only .svelte pages and .ts/.js endpoints, not .svx files. Make it a .svelte page (or import it from one), or prefix it with _ to keep it here unrouted.',
			expect.stringMatching(/^src\/routes\/feed\.mjs is ignored: .* not \.mjs files/),
			expect.stringMatching(/^src\/routes\/post\.md is ignored: .* not \.md files/),
			expect.stringMatching(/^src\/routes\/widget\.tsx is ignored: .* not \.tsx files/)
		]);
	});

	it('never routes _-prefixed files or folders', () => {
		expect(ids(['index.svelte', '_helper.ts', '_Card.svelte', '_private/secret.svelte', '_private/index.ts'])).toEqual(['/']);
	});

	it('warns about SvelteKit-style names', () => {
		const tree = scanRoutes({ root: app(['+page.svelte']) });
		expect(tree.warnings[0]).toContain('src/routes/+page.svelte looks like a SvelteKit file');
	});

	it('honours a custom routesDir and reports a missing one', () => {
		const root = app(['index.svelte'], 'pages');
		expect(scanRoutes({ root, routesDir: 'pages' }).routes[0].file).toBe('pages/index.svelte');
		const empty = scanRoutes({ root });
		expect(empty.routes).toEqual([]);
		expect(empty.warnings).toEqual(['No routes folder at src/routes: the app has no pages.']);
	});

	it('follows symlinked folders without looping on a cycle', () => {
		const root = app(['index.svelte']);
		const shared = path.join(root, 'shared-pages');
		fs.mkdirSync(shared);
		fs.writeFileSync(path.join(shared, 'terms.svelte'), '');
		fs.symlinkSync(shared, path.join(root, 'src/routes/legal'), 'dir');
		fs.symlinkSync(path.join(root, 'src/routes'), path.join(root, 'src/routes/loop'), 'dir');
		const { routes } = scanRoutes({ root });
		expect(routes.map((r) => [r.id, r.file])).toEqual([
			['/legal/terms', 'src/routes/legal/terms.svelte'],
			['/', 'src/routes/index.svelte']
		]);
	});

	it('rejects names no URL can reach, naming the file and the character', () => {
		expect(scanError(['a#b.svelte'])).toBe(
			'Route src/routes/a#b.svelte: the name has "#", which starts the fragment of a URL, so no request could reach it; rename it without that character.'
		);
		expect(scanError(['a?b.svelte'])).toContain('Route src/routes/a?b.svelte: the name has "?", which starts the query of a URL');
		expect(scanError(['100%.svelte'])).toContain('Route src/routes/100%.svelte: the name has "%", which starts a percent-escape');
		expect(scanError(['a\\b.ts'])).toContain('Route src/routes/a\\b.ts: the name has "\\", which is read as "/" in a URL');
		expect(scanError(['tab\there.svelte'])).toBe(
			'Route src/routes/tab\\u0009here.svelte: the name has U+0009, which is a control character, which a URL cannot hold, so no request could reach it; rename it without that character.'
		);
		expect(scanError(['del\u007f.svelte'])).toContain('U+007F');
		// A folder is a segment too; and a private file may be named anything.
		expect(scanError(['q#a/index.svelte'])).toContain('Route src/routes/q#a/: the name has "#"');
		expect(ids(['index.svelte', '_notes#1.svelte', '_drafts/a?.svelte'])).toEqual(['/']);
	});

	it('keeps static names with spaces and non-ASCII characters as written', () => {
		expect(ids(['café.svelte', 'about us.svelte'])).toEqual(['/about us', '/café']);
	});
});

describe('scanRoutes: layouts and error pages', () => {
	const files = [
		'_layout.svelte',
		'_error.svelte',
		'index.svelte',
		'blog.svelte',
		'blog/_layout.svelte',
		'blog/archive.svelte',
		'blog/[slug]/_layout.svelte',
		'blog/[slug]/_error.svelte',
		'blog/[slug]/index.svelte',
		'blog/[slug]/comments.svelte',
		'blog/feed.ts'
	];

	it('collects layouts outermost first, for pages at and below their folder', () => {
		const { routes } = scanRoutes({ root: app(files) });
		const layouts = Object.fromEntries(routes.map((r) => [r.file, r.layouts]));
		expect(layouts['src/routes/index.svelte']).toEqual(['src/routes/_layout.svelte']);
		// blog.svelte sits beside the blog folder, not in it.
		expect(layouts['src/routes/blog.svelte']).toEqual(['src/routes/_layout.svelte']);
		expect(layouts['src/routes/blog/archive.svelte']).toEqual(['src/routes/_layout.svelte', 'src/routes/blog/_layout.svelte']);
		expect(layouts['src/routes/blog/[slug]/comments.svelte']).toEqual([
			'src/routes/_layout.svelte',
			'src/routes/blog/_layout.svelte',
			'src/routes/blog/[slug]/_layout.svelte'
		]);
		expect(layouts['src/routes/blog/feed.ts']).toEqual([]);
	});

	it('picks the nearest error page at or above the folder, none for endpoints', () => {
		const tree = scanRoutes({ root: app(files) });
		const errors = Object.fromEntries(tree.routes.map((r) => [r.file, r.error]));
		expect(errors['src/routes/index.svelte']).toBe('src/routes/_error.svelte');
		expect(errors['src/routes/blog/archive.svelte']).toBe('src/routes/_error.svelte');
		expect(errors['src/routes/blog/[slug]/index.svelte']).toBe('src/routes/blog/[slug]/_error.svelte');
		expect(errors['src/routes/blog/[slug]/comments.svelte']).toBe('src/routes/blog/[slug]/_error.svelte');
		expect(errors['src/routes/blog/feed.ts']).toBeNull();
		expect(tree.rootError).toBe('src/routes/_error.svelte');
	});

	it('has no layouts or error pages when there are none', () => {
		const tree = scanRoutes({ root: app(['index.svelte', 'a/b.svelte']) });
		expect(tree.routes.every((r) => r.layouts.length === 0 && r.error === null)).toBe(true);
		expect(tree.rootError).toBeNull();
	});

	it('does not take an error page from a nested folder as the root error page', () => {
		expect(scanRoutes({ root: app(['blog/_error.svelte', 'index.svelte']) }).rootError).toBeNull();
	});
});

describe('scanRoutes: priority order', () => {
	it('puts static before param before rest, from the left', () => {
		expect(
			ids([
				'[...all].svelte',
				'[page].svelte',
				'about.svelte',
				'blog/[slug].svelte',
				'blog/new.svelte',
				'blog/[...rest].svelte',
				'[a]/edit.svelte',
				'index.svelte'
			])
		).toEqual(['/blog/new', '/blog/[slug]', '/about', '/blog/[...rest]', '/[a]/edit', '/[page]', '/', '/[...all]']);
	});

	it('puts more segments before fewer, but a route before the same route plus a rest param', () => {
		expect(ids(['a.svelte', 'a/b.svelte', 'a/b/c.svelte'])).toEqual(['/a/b/c', '/a/b', '/a']);
		// `/docs/[...path]` also matches `/docs`, where the exact page must win.
		expect(ids(['docs/[...path].svelte', 'docs/index.svelte'])).toEqual(['/docs', '/docs/[...path]']);
	});

	it('breaks ties by id, so the order never depends on the file system', () => {
		expect(ids(['zeta.svelte', 'alpha.svelte', 'Beta.svelte', 'mid/[x].svelte', 'end/[y].svelte'])).toEqual([
			'/end/[y]',
			'/mid/[x]',
			'/Beta',
			'/alpha',
			'/zeta'
		]);
	});
});

describe('scanRoutes: errors', () => {
	it('rejects a file and a folder index for the same URL, naming both', () => {
		const message = scanError(['about.svelte', 'about/index.svelte']);
		expect(message).toContain('src/routes/about.svelte');
		expect(message).toContain('src/routes/about/index.svelte');
		expect(message).toContain('/about');
	});

	it('rejects a page and an endpoint at the same URL', () => {
		const message = scanError(['feed.svelte', 'feed.ts']);
		expect(message).toContain('src/routes/feed.svelte');
		expect(message).toContain('src/routes/feed.ts');
	});

	it('rejects two endpoints at the same URL', () => {
		expect(scanError(['api/x.ts', 'api/x.js'])).toMatch(/api\/x\.js.*api\/x\.ts|api\/x\.ts.*api\/x\.js/);
	});

	it('rejects two params with different names in one place', () => {
		const message = scanError(['[a].svelte', '[b].svelte']);
		expect(message).toContain('src/routes/[a].svelte');
		expect(message).toContain('src/routes/[b].svelte');
		expect(scanError(['blog/[id].svelte', 'blog/[slug]/index.svelte'])).toContain('blog/[slug]/index.svelte');
		expect(scanError(['[...a].svelte', '[...b].ts'])).toContain('[...b].ts');
	});

	it('rejects invalid param names', () => {
		expect(scanError(['[1x].svelte'])).toContain('invalid name "1x"');
		expect(scanError(['[a-b].svelte'])).toContain('invalid name "a-b"');
		expect(scanError(['[].svelte'])).toContain('empty name');
		expect(scanError(['[...].svelte'])).toContain('empty name');
		expect(scanError(['x/[a b]/index.svelte'])).toContain('src/routes/x/[a b]/');
	});

	it('rejects a rest param that is not last', () => {
		const message = scanError(['docs/[...path]/edit.svelte']);
		expect(message).toContain('src/routes/docs/[...path]/edit.svelte');
		expect(message).toContain('must be the last segment');
	});

	it('rejects a param mixed with text as not supported', () => {
		expect(scanError(['foo-[id].svelte'])).toMatch(/foo-\[id\].*not supported/);
		expect(scanError(['[a][b].svelte'])).toContain('not supported');
		expect(scanError(['v[n]/index.svelte'])).toContain('not supported');
		expect(scanError(['[[lang]].svelte'])).toContain('optional params');
	});

	it('rejects a param name used twice in one route', () => {
		expect(scanError(['[id]/[id].svelte'])).toContain('"id" is used twice');
	});
});
