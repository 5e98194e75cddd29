import { describe, expect, it } from 'vitest';
import type { Segment } from '../shared/routes.js';
import { createRouter } from './router.js';

/** Turns `/blog/[slug]` into segments the way the scanner does, to keep the tests readable. */
function segmentsOf(id: string): Segment[] {
	return id
		.split('/')
		.filter(Boolean)
		.map((part): Segment => {
			const rest = /^\[\.\.\.(.+)\]$/.exec(part);
			if (rest) return { type: 'rest', name: rest[1] };
			const param = /^\[(.+)\]$/.exec(part);
			return param ? { type: 'param', name: param[1] } : { type: 'static', value: part };
		});
}

function router(ids: string[]) {
	const match = createRouter(ids.map((id) => ({ id, segments: segmentsOf(id), data: `data:${id}` })));
	return (pathname: string) => {
		const result = match(pathname);
		return result && { id: result.route.id, params: result.params, trailingSlash: result.trailingSlash };
	};
}

const routes = [
	'/',
	'/about',
	'/blog',
	'/blog/new',
	'/blog/[slug]',
	'/blog/[slug]/comments',
	'/docs/[...path]',
	'/[lang]/[...rest]',
	'/café',
	'/100%'
];

describe('createRouter: precedence', () => {
	const match = router(routes);

	it('matches static routes, the root included', () => {
		expect(match('/')).toEqual({ id: '/', params: {}, trailingSlash: false });
		expect(match('/about')?.id).toBe('/about');
		expect(match('/blog')?.id).toBe('/blog');
	});

	it('prefers a static route to a param', () => {
		expect(match('/blog/new')).toEqual({ id: '/blog/new', params: {}, trailingSlash: false });
		expect(match('/blog/hello')).toEqual({ id: '/blog/[slug]', params: { slug: 'hello' }, trailingSlash: false });
		expect(match('/blog/new/comments')).toEqual({
			id: '/blog/[slug]/comments',
			params: { slug: 'new' },
			trailingSlash: false
		});
	});

	it('lets a rest param match zero or more segments', () => {
		expect(match('/docs')?.params).toEqual({ path: '' });
		expect(match('/docs/a')?.params).toEqual({ path: 'a' });
		expect(match('/docs/a/b')).toEqual({ id: '/docs/[...path]', params: { path: 'a/b' }, trailingSlash: false });
	});

	it('prefers a param to a rest param, and a static segment to both', () => {
		// `/blog/x/y` is not `/blog/[slug]` (too long), so it falls through to the catch-all.
		expect(match('/blog/x/y')).toEqual({ id: '/[lang]/[...rest]', params: { lang: 'blog', rest: 'x/y' }, trailingSlash: false });
		expect(match('/docs/x/y')?.id).toBe('/docs/[...path]');
		expect(match('/en')).toEqual({ id: '/[lang]/[...rest]', params: { lang: 'en', rest: '' }, trailingSlash: false });
	});

	it('prefers an exact static route to a rest param that could match nothing', () => {
		const match = router(['/docs/[...path]', '/docs']);
		expect(match('/docs')?.id).toBe('/docs');
		expect(match('/docs/a')?.id).toBe('/docs/[...path]');
	});

	it('returns null when nothing matches', () => {
		expect(router(['/about', '/blog/[slug]'])('/nope')).toBeNull();
		expect(router(['/about', '/blog/[slug]'])('/blog')).toBeNull();
		expect(router(['/about', '/blog/[slug]'])('/blog/a/b')).toBeNull();
		expect(router(['/about'])('/')).toBeNull();
		expect(router([])('/')).toBeNull();
	});

	it('is case-sensitive', () => {
		expect(match('/About')).toEqual({ id: '/[lang]/[...rest]', params: { lang: 'About', rest: '' }, trailingSlash: false });
		expect(router(['/about'])('/About')).toBeNull();
	});

	it('hands back the route object with its data', () => {
		const input = [{ id: '/a/[b]', segments: segmentsOf('/a/[b]'), data: { page: 42 } }];
		expect(createRouter(input)('/a/x')?.route).toBe(input[0]);
	});
});

describe('createRouter: unsorted input', () => {
	it('sorts routes itself, whatever order they come in', () => {
		const shuffled = ['/[...all]', '/[lang]/[...rest]', '/blog/[slug]', '/[x]/new', '/blog/new', '/blog/[...rest]'];
		for (const order of [shuffled, [...shuffled].reverse()]) {
			const match = router(order);
			expect(match('/blog/new')?.id).toBe('/blog/new');
			expect(match('/blog/old')?.id).toBe('/blog/[slug]');
			expect(match('/blog/a/b')?.id).toBe('/blog/[...rest]');
			expect(match('/fr/new')?.id).toBe('/[x]/new');
			expect(match('/fr/old')?.id).toBe('/[lang]/[...rest]');
			expect(match('/')?.id).toBe('/[...all]');
		}
	});

	it('does not reorder or change the array it is given', () => {
		const input = ['/[a]', '/b'].map((id) => ({ id, segments: segmentsOf(id), data: null }));
		createRouter(input);
		expect(input.map((r) => r.id)).toEqual(['/[a]', '/b']);
	});

	it('refuses a rest param before the last segment', () => {
		expect(() => router(['/[...a]/b'])).toThrow('/[...a]/b');
	});
});

describe('createRouter: decoding', () => {
	const match = router(routes);

	it('decodes params', () => {
		expect(match('/blog/hello%20world')?.params).toEqual({ slug: 'hello world' });
		expect(match('/blog/%E3%81%93%E3%82%93')?.params).toEqual({ slug: 'こん' });
		expect(match('/blog/caf%C3%A9')?.params).toEqual({ slug: 'café' });
		expect(match('/docs/a%20b/c%2Fd')?.params).toEqual({ path: 'a b/c/d' });
	});

	it('decodes static segments before comparing', () => {
		expect(match('/caf%C3%A9')?.id).toBe('/café');
		expect(match('/%61bout')?.id).toBe('/about');
		expect(match('/blog/%6Eew')?.id).toBe('/blog/new');
	});

	it('keeps an encoded slash inside its segment', () => {
		expect(match('/blog/a%2Fb')).toEqual({ id: '/blog/[slug]', params: { slug: 'a/b' }, trailingSlash: false });
		expect(router(['/a/b'])('/a%2Fb')).toBeNull();
	});

	it('never throws on malformed escapes, and never matches them as params', () => {
		for (const bad of ['%', '%E0%A4%A', '%zz', '%C3']) {
			expect(() => match(`/blog/${bad}`)).not.toThrow();
			expect(match(`/blog/${bad}`)?.id).not.toBe('/blog/[slug]');
			expect(router(['/blog/[slug]'])(`/blog/${bad}`)).toBeNull();
			expect(router(['/docs/[...path]'])(`/docs/a/${bad}`)).toBeNull();
		}
	});

	it('compares a static segment that does not decode as written', () => {
		expect(match('/100%')?.id).toBe('/100%');
	});
});

describe('createRouter: slashes', () => {
	const match = router(routes);

	it('matches a trailing slash and says so', () => {
		expect(match('/about/')).toEqual({ id: '/about', params: {}, trailingSlash: true });
		expect(match('/blog/x/')).toEqual({ id: '/blog/[slug]', params: { slug: 'x' }, trailingSlash: true });
		expect(match('/docs/')).toEqual({ id: '/docs/[...path]', params: { path: '' }, trailingSlash: true });
		expect(match('/')?.trailingSlash).toBe(false);
	});

	it('treats an empty pathname as the root', () => {
		expect(match('')?.id).toBe('/');
	});

	it('does not match empty segments as params', () => {
		const strict = router(['/', '/about', '/blog/[slug]', '/blog/[slug]/comments', '/docs/[...path]']);
		expect(strict('//')).toBeNull();
		expect(strict('/about//')).toBeNull();
		expect(strict('/blog//comments')).toBeNull();
		expect(strict('/blog//')).toBeNull();
		expect(strict('/docs/a//b')).toBeNull();
		expect(strict('/docs//')).toBeNull();
	});
});
