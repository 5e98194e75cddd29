// Pages over real HTTP: file-based routes, layouts, the error page, redirects, page headers.
import { describe, expect, it } from 'vitest';
import { BASIC, MODES, get, useApp } from './support.js';
import { waitFor } from '../helpers/wait.js';

describe.each(MODES)('routes (%s)', (mode) => {
	const app = useApp(mode, BASIC);

	/** GET a page that must answer 200 text/html inside the root layout. */
	async function page(pathname: string): Promise<string> {
		const { status, headers, body } = await get(app, pathname);
		expect(status, `${pathname}: ${body.slice(0, 500)}`).toBe(200);
		expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(body).toMatch(/^<!doctype html>/i);
		expect(body).toContain('[root-layout]');
		return body;
	}

	it('renders / and /about', async () => {
		expect(await page('/')).toContain('[index-page]');
		const about = await page('/about');
		expect(about).toContain('[about-page]');
		expect(about).toContain('<title>About</title>');
	});

	it('renders blog/index.svelte at /blog', async () => {
		expect(await page('/blog')).toContain('[blog-index]');
	});

	it('passes params.slug to /blog/[slug]', async () => {
		const body = await page('/blog/hello-world');
		expect(body).toContain('[blog-post] slug=hello-world');
		expect(body).toContain('Hello, world');
		expect(await page('/blog/second-post')).toContain('slug=second-post');
	});

	it('prefers the static /blog/new over /blog/[slug]', async () => {
		const body = await page('/blog/new');
		expect(body).toContain('[blog-new]');
		expect(body).not.toContain('[blog-post]');
	});

	it('passes the rest of the path to /docs/[...path], also empty at /docs', async () => {
		expect(await page('/docs')).toContain('[docs] path=()');
		expect(await page('/docs/intro')).toContain('[docs] path=(intro)');
		expect(await page('/docs/guide/islands/tokens')).toContain('[docs] path=(guide/islands/tokens)');
	});

	it('nests the root and blog layouts around the page, in order', async () => {
		const body = await page('/blog/hello-world');
		const root = body.indexOf('[root-layout]');
		const blog = body.indexOf('[blog-layout]');
		const post = body.indexOf('[blog-post]');
		expect(root).toBeGreaterThan(-1);
		expect(blog).toBeGreaterThan(root);
		expect(post).toBeGreaterThan(blog);
		expect(await page('/about')).not.toContain('[blog-layout]');
	});

	it("renders error(404, 'No such post') with _error.svelte inside the layouts", async () => {
		const { status, headers, body } = await get(app, '/blog/no-such-slug');
		expect(status).toBe(404);
		expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(body).toContain('[error-page] status=404');
		expect(body).toContain('message=No such post');
		expect(body.indexOf('[blog-layout]')).toBeGreaterThan(body.indexOf('[root-layout]'));
		expect(body).not.toContain('[blog-post]');
	});

	it('answers an unknown URL with 404 through _error.svelte', async () => {
		const { status, body } = await get(app, '/no/such/page');
		expect(status).toBe(404);
		expect(body).toContain('[error-page] status=404');
		expect(body).toContain('[root-layout]');
	});

	it('answers a page that throws with 500 through _error.svelte, and logs the error', async () => {
		const { status, body } = await get(app, '/boom');
		expect(status).toBe(500);
		expect(body).toContain('[error-page] status=500');
		// Dev shows the error's first line; production never leaks it.
		if (mode === 'dev') expect(body).toContain('kaboom from boom.svelte');
		else expect(body).not.toContain('kaboom');
		// A built server's log arrives through a pipe, possibly after its answer: wait for it.
		await waitFor(() => app.output().includes('kaboom from boom.svelte'), { what: 'the logged error', timeout: 15_000 });
	});

	it('redirects a trailing slash with 308, keeping the query', async () => {
		const about = await get(app, '/about/');
		expect(about.status).toBe(308);
		expect(about.headers.get('location')).toBe('/about');
		const post = await get(app, '/blog/hello-world/?ref=feed');
		expect(post.status).toBe(308);
		expect(post.headers.get('location')).toBe('/blog/hello-world?ref=feed');
	});

	it('answers POST to a page with 405 and allow', async () => {
		const { status, headers } = await get(app, '/about', { method: 'POST', body: 'x' });
		expect(status).toBe(405);
		expect(headers.get('allow')).toBe('GET, HEAD');
	});

	it('sends headers set with setHeaders() on a page', async () => {
		const islands = await get(app, '/islands');
		expect(islands.status).toBe(200);
		expect(islands.headers.get('x-page')).toBe('islands');
		const prerendered = await get(app, '/prerendered');
		expect(prerendered.status).toBe(200);
		expect(prerendered.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=600');
		expect(prerendered.body).toContain('[prerendered-page]');
	});
});
