import { describe, expect, it } from 'vitest';
import { findLinks } from './links.js';

const page = new URL('http://localhost/blog/first');
const origins = ['http://localhost', 'https://example.com'];
const paths = (html: string) => findLinks(html, page, origins).map((link) => link.pathname);

describe('findLinks', () => {
	it('resolves relative, root-relative and same-origin absolute links to canonical pathnames', () => {
		expect(paths('<a href="second">2</a><a href="/about">a</a><a href="../docs/">d</a><a href="https://example.com/x">x</a>')).toEqual([
			'/blog/second',
			'/about',
			'/docs',
			'/x'
		]);
	});

	it('drops the query and the hash: a prerendered page is one file for its path', () => {
		expect(paths('<a href="/blog/a?ref=home#top">a</a><a href="#section">s</a><a href="?page=2">p</a>')).toEqual(['/blog/a', '/blog/first', '/blog/first']);
	});

	it('skips other origins, other schemes, rel="external" and download links', () => {
		expect(
			paths('<a href="https://other.test/a">o</a><a href="//other.test/b">s</a><a href="mailto:x@y.z">m</a><a href="javascript:void 0">j</a><a rel="noopener external" href="/e">e</a><a download href="/f.zip">f</a><a name="x">n</a>')
		).toEqual([]);
	});

	it('reads attributes as Svelte writes them: quoted, escaped, in any order, with > inside values', () => {
		const links = findLinks(`<a class="x" title="a > b" href="/q?a=1&amp;b=2">q</a><A HREF='/up'>u</A><a href=/bare>b</a><abbr href="/not-a-link">`, page, origins);
		expect(links).toEqual([
			{ href: '/q?a=1&b=2', pathname: '/q' },
			{ href: '/up', pathname: '/up' },
			{ href: '/bare', pathname: '/bare' }
		]);
	});

	it('spells paths as the server keys them: WHATWG encoding, then unreserved escapes decoded', () => {
		expect(paths('<a href="/caf&#xe9;">c</a><a href="/a b">s</a><a href="/%61bout">a</a><a href="/x/./y/../z">d</a>')).toEqual(['/caf%C3%A9', '/a%20b', '/about', '/x/z']);
	});
});
