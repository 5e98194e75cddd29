// The render timeout: the helper on its own, then a page, an island and an endpoint that never settle, through
// createApp, each answered with a 503 (the island's with its reason) while their neighbours answer as usual.
import * as devalue from 'devalue';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { fromWebRequest } from './exchange.js';
import { TIMED_OUT, renderDeadline } from './render-timeout.js';
import { getKey } from './islands/current-key.js';
import { signToken } from './islands/token.js';
import type { ServerManifest } from './app-types.js';

const request = (path: string) => fromWebRequest(new Request(`http://localhost${path}`));
const never = () => new Promise<never>(() => {});

describe('renderDeadline', () => {
	it('hands back what settles in time, rejections included, and logs nothing', async () => {
		const lines: string[] = [];
		const deadline = renderDeadline(1_000, (line) => lines.push(line));
		expect(await deadline(Promise.resolve('page'), request('/'))).toBe('page');
		await expect(deadline(Promise.reject(new Error('boom')), request('/'))).rejects.toThrow('boom');
		expect(lines).toEqual([]);
	});

	it('gives TIMED_OUT once the time has passed, with one line naming the request but not its query', async () => {
		const lines: string[] = [];
		const deadline = renderDeadline(50, (line) => lines.push(line));
		const started = Date.now();
		expect(await deadline(never(), request('/stuck?token=secret'))).toBe(TIMED_OUT);
		expect(Date.now() - started).toBeGreaterThanOrEqual(45);
		expect(lines).toEqual(['[mochi] GET /stuck: no answer within 50 ms (server.renderTimeout), answered 503']);
	});

	it('abandons the request once timed out, so its signal can stop the work; never one that settled in time', async () => {
		const reasons: string[] = [];
		const watched = (path: string) => ({ ...request(path), abandon: (reason: Error) => void reasons.push(reason.message) });
		const deadline = renderDeadline(30, () => {});
		expect(await deadline(Promise.resolve('page'), watched('/fast'))).toBe('page');
		await new Promise((resolve) => setTimeout(resolve, 60));
		expect(reasons).toEqual([]);
		expect(await deadline(never(), watched('/stuck'))).toBe(TIMED_OUT);
		expect(reasons).toEqual(['The server gave up on this request after 30 ms (server.renderTimeout)']);
	});

	it('swallows a rejection that comes after the deadline (no unhandled rejection)', async () => {
		const deadline = renderDeadline(20, () => {});
		let fail!: (error: Error) => void;
		const late = new Promise<never>((_, reject) => (fail = reject));
		expect(await deadline(late, request('/'))).toBe(TIMED_OUT);
		fail(new Error('too late'));
		// vitest fails the run on an unhandled rejection; give it the turn in which it would be reported.
		await new Promise((resolve) => setTimeout(resolve, 20));
	});

	it('is the work itself when off (0), with no timer', async () => {
		const deadline = renderDeadline(0, () => {});
		const work = Promise.resolve(1);
		expect(deadline(work, request('/'))).toBe(work);
	});

	it('rate-limits its log: a page that hangs on every request cannot flood it', async () => {
		const lines: string[] = [];
		const deadline = renderDeadline(10, (line) => lines.push(line));
		await Promise.all(Array.from({ length: 30 }, () => deadline(never(), request('/stuck'))));
		expect(lines).toHaveLength(20);
	});
});

describe('createApp with server.renderTimeout', () => {
	function Page() {}
	function Hang() {}
	function Quick() {}
	const lines: string[] = [];
	const manifest = {
		assetPrefix: '/_mochi',
		template: '<!doctype html><html><head>%mochi.head%</head><body>%mochi.body%</body></html>',
		// A stand-in for Svelte's render: the root gets the page's components; an island is rendered alone.
		render: async (component: unknown, { props }: { props: { components?: unknown[] } }) => {
			const target = props.components?.at(-1) ?? component;
			if (target === Hang) return never();
			return { head: '', body: `<p>rendered ${target === Quick ? 'Quick' : 'Page'}</p>` };
		},
		root: () => {},
		routes: [
			{ id: '/ok', segments: [{ type: 'static', value: 'ok' }], kind: 'page', file: 'ok.svelte', load: async () => ({ default: Page }), layouts: [], error: null },
			{ id: '/hang', segments: [{ type: 'static', value: 'hang' }], kind: 'page', file: 'hang.svelte', load: async () => ({ default: Hang }), layouts: [], error: null },
			{
				id: '/api/hang',
				segments: [{ type: 'static', value: 'api' }, { type: 'static', value: 'hang' }],
				kind: 'endpoint',
				file: 'api/hang.ts',
				load: async () => ({ GET: never, POST: () => new Response('sync') }),
				layouts: [],
				error: null
			}
		],
		rootLayouts: [],
		rootError: null,
		islands: { Hang, Quick },
		server: { renderTimeout: 5_000 }
	} as unknown as ServerManifest;
	// The option wins over the manifest, as MOCHI_RENDER_TIMEOUT does in `node build`. 1 s, not less: the quick
	// page, island and endpoint beside the hanging ones must beat it even while a busy machine stalls this process.
	const app = createApp(manifest, { assets: { runtime: null, css: {} }, log: (line) => lines.push(line), renderTimeout: 1_000 });
	const islandUrl = (name: string) =>
		`/_mochi/island/${name}?p=${signToken(getKey().current, name, 'plain', devalue.stringify({}))}`;

	it('answers a page that never settles with a plain 503 document nobody caches', async () => {
		const started = Date.now();
		const response = await app.respond(new Request('http://localhost/hang'));
		expect(response.status).toBe(503);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(await response.text()).toContain('<h1>503 Service Unavailable</h1>');
		expect(Date.now() - started).toBeLessThan(4_000);
		expect(lines.at(-1)).toBe('[mochi] GET /hang: no answer within 1000 ms (server.renderTimeout), answered 503');
		expect((await app.respond(new Request('http://localhost/ok'))).status).toBe(200);
	});

	it("answers an island that never settles with the island error 'timeout', so the browser keeps its fallback", async () => {
		const response = await app.respond(new Request(`http://localhost${islandUrl('Hang')}`));
		expect(response.status).toBe(503);
		expect(response.headers.get('x-mochi-island-error')).toBe('timeout');
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(lines.at(-1)).toBe('[mochi] GET /_mochi/island/Hang: no answer within 1000 ms (server.renderTimeout), answered 503');
		const quick = await app.respond(new Request(`http://localhost${islandUrl('Quick')}`));
		expect(quick.status).toBe(200);
		expect(await quick.text()).toBe('<p>rendered Quick</p>');
	});

	it('answers an endpoint whose handler never returns with a plain-text 503; a handler answering at once is untouched', async () => {
		const response = await app.respond(new Request('http://localhost/api/hang'));
		expect(response.status).toBe(503);
		expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		expect(await response.text()).toBe('Service Unavailable: the endpoint took too long to answer.');
		const sync = await app.respond(new Request('http://localhost/api/hang', { method: 'POST' }));
		expect(await sync.text()).toBe('sync');
	});

	// Under a hook one deadline races the hook and what it resolves to (app.ts withHooks): the page, island or
	// endpoint starts no second timer, so each stuck request is answered, typed, and logged once, not twice.
	const hookedLines: string[] = [];
	const hooked = createApp({ ...manifest, hooks: { file: 'src/hooks.server.ts', module: { handle: (_ctx: unknown, resolve: () => Promise<Response>) => resolve() } } } as ServerManifest, {
		assets: { runtime: null, css: {} },
		log: (line) => hookedLines.push(line),
		renderTimeout: 1_000
	});
	it('answers each stuck request under a hook once, as without one, with one timer and one log line each', async () => {
		const page = await hooked.respond(new Request('http://localhost/hang'));
		const island = await hooked.respond(new Request(`http://localhost${islandUrl('Hang')}`));
		const endpoint = await hooked.respond(new Request('http://localhost/api/hang'));
		expect([page.status, island.status, endpoint.status]).toEqual([503, 503, 503]);
		expect(await page.text()).toContain('<h1>503 Service Unavailable</h1>');
		expect(island.headers.get('x-mochi-island-error')).toBe('timeout');
		expect(await endpoint.text()).toBe('Service Unavailable: the endpoint took too long to answer.');
		// A second timer of the same length would fire just after the first: give it time to show in the log.
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(hookedLines).toEqual([
			'[mochi] GET /hang: no answer within 1000 ms (server.renderTimeout), answered 503',
			'[mochi] GET /_mochi/island/Hang: no answer within 1000 ms (server.renderTimeout), answered 503',
			'[mochi] GET /api/hang: no answer within 1000 ms (server.renderTimeout), answered 503'
		]);
		expect((await hooked.respond(new Request('http://localhost/ok'))).status).toBe(200);
	});
});
