import { describe, expect, it } from 'vitest';
import { createRouter } from '../../runtime/server/router.js';
import { parseSegment } from '../routes/index.js';
import { pageFile, pagePath, showParams } from './page-path.js';

const route = (id: string) => id.split('/').filter(Boolean).map((name) => parseSegment(name, `src/routes${id}.svelte`));
const blog = route('/blog/[slug]');
const docs = route('/docs/[...path]');

function failure(segments: ReturnType<typeof route>, params: unknown): string {
	try {
		pagePath(segments, params);
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error('expected pagePath to throw');
}

describe('pagePath', () => {
	it('spells params as a browser requests them, escaping only what would change the URL', () => {
		expect(pagePath(blog, { slug: 'hello' })).toBe('/blog/hello');
		expect(pagePath(blog, { slug: 'a b' })).toBe('/blog/a%20b');
		expect(pagePath(blog, { slug: 'café' })).toBe('/blog/caf%C3%A9');
		expect(pagePath(blog, { slug: 'a:b@c' })).toBe('/blog/a:b@c');
		expect(pagePath(blog, { slug: '100%?#\\' })).toBe('/blog/100%25%3F%23%5C');
		expect(pagePath(docs, { path: 'guide/intro' })).toBe('/docs/guide/intro');
		expect(pagePath(docs, { path: '' })).toBe('/docs');
		expect(pagePath(route('/about'), {})).toBe('/about');
		expect(pagePath([], {})).toBe('/');
	});

	it('gives the router back the very params it was given', () => {
		const match = createRouter([{ id: '/blog/[slug]', segments: blog, data: null }, { id: '/docs/[...path]', segments: docs, data: null }]);
		for (const slug of ['a b', 'café', '100%?#\\', 'x&y=z', "it's", '~.-_']) {
			expect(match(pagePath(blog, { slug }))?.params).toEqual({ slug });
		}
		expect(match(pagePath(docs, { path: 'a/b c/%' }))?.params).toEqual({ path: 'a/b c/%' });
	});

	it('refuses params that do not fit the route, saying which and why', () => {
		expect(failure(blog, { slug: 'a/b' })).toBe('"slug" holds a "/", which only a rest param ([...slug]) can');
		expect(failure(blog, {})).toBe('"slug" missing (the route\'s params: slug)');
		expect(failure(blog, { slug: 'a', page: '2' })).toBe('"page" is not a param of the route (its params: slug)');
		expect(failure(blog, { slug: 3 })).toBe('"slug" is the number 3; params are strings');
		expect(failure(blog, { slug: undefined })).toBe('"slug" is undefined; params are strings');
		expect(failure(blog, { slug: '' })).toBe('"slug" is empty; only a rest param may be');
		expect(failure(blog, { slug: '..' })).toContain('a ".." segment');
		expect(failure(blog, { slug: 'a\nb' })).toContain('control character');
		expect(failure(docs, { path: 'a//b' })).toContain('empty segment');
		expect(failure(docs, { path: '/a' })).toContain('empty segment');
		expect(failure(docs, { path: 'a/./b' })).toContain('a "." segment');
		expect(failure(blog, 'hello')).toContain('an entry must be an object of params like { slug: \'…\' }, not "hello"');
		expect(failure(blog, null)).toContain('not null');
		expect(failure(blog, [])).toContain('not an array');
	});
});

describe('pageFile', () => {
	it('decodes the path into a file under build/prerendered', () => {
		expect(pageFile('/')).toBe('index.html');
		expect(pageFile('/index')).toBe('index.html');
		expect(pageFile('/blog/a%20b')).toBe('blog/a b.html');
		expect(pageFile('/blog/100%25%3F')).toBe('blog/100%?.html');
		expect(pageFile('/docs/guide/intro')).toBe('docs/guide/intro.html');
	});
});

describe('showParams', () => {
	it('shows values as JSON, so a "/" or a space is visible', () => {
		expect(showParams({ slug: 'a/b', n: 1 })).toBe('{ slug: "a/b", n: the number 1 }');
		expect(showParams({})).toBe('{}');
	});
});
