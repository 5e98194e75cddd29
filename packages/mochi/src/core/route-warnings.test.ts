import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compile } from 'svelte/compiler';
import { checkWarningFilter, hydratedFiles, INITIAL_VALUE_WARNING, routeComponents, routeWarningFilter } from './route-warnings.js';
import { scanRoutes } from './routes/index.js';

const roots: string[] = [];
afterEach(() => {
	for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

function app(files: Record<string, string>): string {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mochi-route-warnings-'));
	roots.push(root);
	for (const [file, text] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
		fs.writeFileSync(path.join(root, file), text);
	}
	return root;
}

const PAGE = '<script>\n\tlet { params } = $props();\n\tconst slug = params.slug;\n</script>\n<h1>{slug}</h1>\n';

describe('the params warning in route components', () => {
	it('is the warning Svelte gives the natural page code', () => {
		const { warnings } = compile(PAGE, { generate: 'server', filename: 'src/routes/[slug].svelte' });
		expect(warnings.map((w) => w.code)).toEqual([INITIAL_VALUE_WARNING]);
		// …and the filter drops exactly that one, keeping the rest and the app's own filter.
		const filtered = compile(PAGE + '<img src="x.png">', { generate: 'server', filename: 'a.svelte', warningFilter: routeWarningFilter() });
		expect(filtered.warnings.map((w) => w.code)).toEqual(['a11y_missing_attribute']);
		const own = compile(PAGE + '<img src="x.png">', { generate: 'server', filename: 'a.svelte', warningFilter: routeWarningFilter((w) => w.code !== 'a11y_missing_attribute') });
		expect(own.warnings).toEqual([]);
	});

	it('names pages, layouts and error pages as route components; not endpoints, not components beside them', () => {
		const root = app({
			'src/routes/_layout.svelte': '',
			'src/routes/_error.svelte': '',
			'src/routes/index.svelte': '',
			'src/routes/blog/_layout.svelte': '',
			'src/routes/blog/[slug].svelte': '',
			'src/routes/blog/_Card.svelte': '',
			'src/routes/api/x.ts': '',
			'src/lib/Counter.svelte': ''
		});
		expect([...routeComponents(scanRoutes({ root }))].sort()).toEqual([
			'src/routes/_error.svelte',
			'src/routes/_layout.svelte',
			'src/routes/blog/[slug].svelte',
			'src/routes/blog/_layout.svelte',
			'src/routes/index.svelte'
		]);
	});

	it('is kept by mochi check for a route file that is also hydrated somewhere, and for every other file', () => {
		const root = app({
			'src/routes/index.svelte': "<script>\n\timport Widget from './widget.svelte';\n\timport C from '$lib/C.svelte';\n</script>\n<Widget mochi:hydrate />\n<C mochi:defer />\n",
			'src/routes/widget.svelte': PAGE,
			'src/routes/[slug].svelte': PAGE,
			'src/lib/C.svelte': PAGE
		});
		const files = ['src/routes/index.svelte', 'src/routes/widget.svelte', 'src/routes/[slug].svelte', 'src/lib/C.svelte'];
		expect([...hydratedFiles(root, files)]).toEqual(['src/routes/widget.svelte']);
		const keep = checkWarningFilter(root, files);
		const warning = (filename: string) => ({ code: INITIAL_VALUE_WARNING, filename });
		expect(keep(warning('src/routes/[slug].svelte'))).toBe(false);
		expect(keep(warning(`.${path.sep}src${path.sep}routes${path.sep}[slug].svelte`))).toBe(false);
		expect(keep(warning('src/routes/widget.svelte'))).toBe(true);
		expect(keep(warning('src/lib/C.svelte'))).toBe(true);
		expect(keep({ code: 'a11y_missing_attribute', filename: 'src/routes/[slug].svelte' })).toBe(true);
		expect(keep({ code: 2322, filename: 'src/routes/[slug].svelte' })).toBe(true);
	});

	it('filters nothing in mochi check while the routes folder cannot be scanned', () => {
		const root = app({ 'src/routes/a#b.svelte': PAGE });
		expect(checkWarningFilter(root, ['src/routes/a#b.svelte'])({ code: INITIAL_VALUE_WARNING, filename: 'src/routes/a#b.svelte' })).toBe(true);
	});
});
