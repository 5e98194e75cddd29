// What `mochi build` refuses about prerendered dynamic pages, each with a message naming the page file and
// the params: a missing entries(), params that do not fit the route, two entries writing one file, a crawled
// link to a 404. Each case is a throwaway app (helpers/temp-app.ts); none may leave a build behind.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFailure } from '../helpers/app.js';
import { makeTempApp, removeTempApps } from '../helpers/temp-app.js';
import { START_TIMEOUT } from './support.js';

const page = (module: string, body = '<h1>{params.slug}</h1>') => `<script module lang="ts">
	export const prerender = true;
	${module}
</script>
<script lang="ts">
	let { params }: { params: Record<string, string> } = $props();
</script>
${body}
`;

async function failure(name: string, files: Record<string, string>): Promise<string> {
	const root = makeTempApp(`entries-${name}`, files);
	const output = await buildFailure(root);
	expect(fs.existsSync(path.join(root, 'build/server/manifest.json')), 'no build is left behind').toBe(false);
	// The message says it all: no stack of the framework's frames (cli/index.ts).
	expect(output).not.toMatch(/at (async )?(prerender|planPrerender|buildInto) \(/);
	return output;
}

afterAll(removeTempApps);

describe('mochi build refuses (prerendered dynamic pages)', () => {
	it('prerender = true on a page with params and no entries(), and entries() where it means nothing, all at once', async () => {
		const output = await failure('plan', {
			'src/routes/blog/[slug].svelte': page(''),
			'src/routes/about.svelte': page('export const entries = () => [{}];', '<h1>about</h1>'),
			'src/routes/live/[id].svelte': `<script module lang="ts">\n\texport const entries = () => [{ id: '1' }];\n</script>\n<h1>live</h1>\n`,
			'src/routes/docs/[...path].svelte': page('export const entries = [{ path: "a" }];')
		});
		expect(output).toContain(
			"src/routes/blog/[slug].svelte: prerender = true on a page with params (/blog/[slug]) needs `export function entries()` returning the params to prerender, like [{ slug: '…' }]. Return [] to prerender only the pages that prerendered pages link to."
		);
		expect(output).toContain('src/routes/about.svelte: exports entries(), but /about has no [params] to fill; remove entries().');
		expect(output).toContain('src/routes/live/[id].svelte: exports entries(), which only lists pages to prerender, but not `export const prerender = true`');
		expect(output).toContain('src/routes/docs/[...path].svelte: `entries` must be a function (sync or async) returning the params to prerender');
	}, START_TIMEOUT);

	it.each([
		['slash', "[{ slug: 'a/b' }]", 'entries() returned { slug: "a/b" }: "slug" holds a "/", which only a rest param ([...slug]) can.'],
		['missing', '[{}]', 'entries() returned {}: "slug" missing (the route\'s params: slug).'],
		['extra', "[{ slug: 'a', page: '2' }]", 'entries() returned { slug: "a", page: "2" }: "page" is not a param of the route (its params: slug).'],
		['number', '[{ slug: 7 }]', 'entries() returned { slug: the number 7 }: "slug" is the number 7; params are strings.'],
		['shadowed', "[{ slug: 'new' }]", 'entries() returned { slug: "new" }, whose URL /blog/new is answered by src/routes/blog/new.svelte, not by this page.'],
		['not-array', "({ slug: 'a' })", 'entries() must return an array of params, like [{ slug: \'…\' }]; it returned object.']
	])('params that do not fit the route (%s), naming the page and the params', async (name, returned, message) => {
		const output = await failure(`params-${name}`, {
			'src/routes/blog/[slug].svelte': page(`export async function entries() { return ${returned}; }`),
			'src/routes/blog/new.svelte': '<h1>new</h1>\n'
		});
		expect(output).toContain(`src/routes/blog/[slug].svelte: ${message}`);
	}, START_TIMEOUT);

	it('an entries() that throws, with its message', async () => {
		const output = await failure('throws', { 'src/routes/blog/[slug].svelte': page("export function entries() { throw new Error('the CMS is down'); }") });
		expect(output).toContain('src/routes/blog/[slug].svelte: entries() failed: the CMS is down\n    at entries (');
		// Its stack points at the app's source, not at the bundle the build deletes.
		expect(output).toMatch(/at entries \(.*src\/routes\/blog\/\[slug\]\.svelte:\d+/);
		expect(output).not.toMatch(/at prerender \(/);
	}, START_TIMEOUT);

	it('two entries writing one file: the same params twice, or two URLs with one file', async () => {
		const twice = await failure('twice', { 'src/routes/blog/[slug].svelte': page("export const entries = () => [{ slug: 'a' }, { slug: 'b' }, { slug: 'a' }];") });
		expect(twice).toContain('src/routes/blog/[slug].svelte: entries() returned { slug: "a" } twice; both would write build/prerendered/blog/a.html.');

		const index = await failure('index', {
			'src/routes/index.svelte': page('', '<h1>home</h1>'),
			'src/routes/[slug].svelte': page("export const entries = () => [{ slug: 'index' }];")
		});
		expect(index).toContain('src/routes/[slug].svelte (/index, params { slug: "index" }) and src/routes/index.svelte (/) would both write build/prerendered/index.html; give one of them another URL.');

		const cased = await failure('case', { 'src/routes/blog/[slug].svelte': page("export const entries = () => [{ slug: 'Intro' }, { slug: 'intro' }];") });
		expect(cased).toContain(
			'src/routes/blog/[slug].svelte (/blog/Intro, params { slug: "Intro" }) and src/routes/blog/[slug].svelte (/blog/intro, params { slug: "intro" }) would both write build/prerendered/blog/intro.html (as blog/Intro.html: one file where case does not count, as on macOS and Windows)'
		);
	}, START_TIMEOUT * 2);

	it('a crawled link to a 404: to no route at all, and to a prerendered page that answers 404', async () => {
		const noRoute = await failure('crawl-missing', {
			'src/routes/index.svelte': page('', '<a href="/blog/a">a</a>'),
			'src/routes/blog/[slug].svelte': page("export const entries = () => [];", '<a href="/gone?x=1#y">gone</a>')
		});
		expect(noRoute).toContain('src/routes/blog/[slug].svelte (/blog/a, params { slug: "a" }) links to /gone?x=1#y, which is a 404: no page, endpoint or file answers /gone.');

		const pageSays404 = await failure('crawl-404', {
			'src/routes/index.svelte': page('', '<a href="/blog/nope">nope</a>'),
			'src/routes/blog/[slug].svelte': `<script module lang="ts">\n\texport const prerender = true;\n\texport const entries = () => [];\n</script>\n<script lang="ts">\n\timport { error } from 'mochi-framework';\n\tlet { params }: { params: { slug: string } } = $props();\n\terror(404, 'no post ' + params.slug);\n</script>\n`
		});
		expect(pageSays404).toContain('src/routes/index.svelte (/) links to /blog/nope, which answered 404 when prerendered (src/routes/blog/[slug].svelte (/blog/nope, params { slug: "nope" })).');
	}, START_TIMEOUT * 2);
});
