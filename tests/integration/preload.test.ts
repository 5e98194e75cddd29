// Early island fetch: the page head carries one <link rel="preload" as="fetch"> per eager island URL,
// exactly the URL the runtime fetches, so island requests start while the HTML is still parsing.
import { beforeAll, describe, expect, it } from 'vitest';
import { BASIC, MODES, START_TIMEOUT, get, islandPath, useApp } from './support.js';

describe.each(MODES)('island preload links (%s)', (mode) => {
	const app = useApp(mode, BASIC);
	let shell: string;

	beforeAll(async () => {
		shell = (await get(app, '/islands')).body;
	}, START_TIMEOUT);

	it('preloads each eager island once, in the head, with the URL the runtime fetches', () => {
		const head = shell.slice(0, shell.indexOf('</head>'));
		const preloads = [...head.matchAll(/<link rel="preload" as="fetch" href="([^"]+)" crossorigin>/g)].map((m) => m[1].replace(/&amp;/g, '&'));
		const islands = [...shell.matchAll(/<mochi-island ([^>]*)>/g)].map((m) => m[1]);
		const eager = islands
			.filter((attributes) => attributes.includes('signed-props=') && !attributes.includes('load="visible"'))
			.map((attributes) => islandPath(/name="([^"]+)"/.exec(attributes)![1], /signed-props="([^"]+)"/.exec(attributes)![1]));
		expect(eager.length).toBeGreaterThan(1);
		// The runtime builds `${prefix}/island/${encodeURIComponent(name)}?p=${token}`; islandPath() does the same.
		expect(new Set(preloads)).toEqual(new Set(eager));
		expect(preloads.length).toBe(new Set(preloads).size);
		// Before the stylesheet and the runtime: nothing else delays them.
		expect(head.indexOf('rel="preload"')).toBeLessThan(head.indexOf('rel="modulepreload"'));
	});

	it('has no preload on a page without islands', async () => {
		expect((await get(app, '/about')).body).not.toContain('rel="preload"');
	});
});
