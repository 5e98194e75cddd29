// Streaming over real HTTP (DESIGN.md §8), the same in dev and built: what an uncacheable on-demand page sends,
// in what order, and what pages that may be shared never carry.
import { describe, expect, it } from 'vitest';
import { send } from '../helpers/raw-request.js';
import { waitFor } from '../helpers/wait.js';
import { carriers, openStream } from './stream-reader.js';
import { newGate, release, type StreamingApp } from './fixture.js';

const SECRET = 'alice-7f3a';
const visitor = { cookie: `user=${SECRET}` };

export function httpSuite(app: StreamingApp): void {
	describe(`${app.mode}: an uncacheable on-demand page`, () => {
		it('sends its markup first, then each island after it as it completes, and its tail last', async () => {
			const gate = newGate();
			const stream = await openStream(`${app.url}/?gate=${gate}`, { 'accept-encoding': 'identity' });
			expect(stream.status).toBe(200);
			expect(stream.headers['x-accel-buffering']).toBe('no');
			expect(stream.headers['content-length']).toBeUndefined();
			expect(stream.headers['transfer-encoding']).toBe('chunked');
			// It carries personal island HTML: no shared cache may keep it, though the page set no cache-control.
			expect(stream.headers['cache-control']).toBe('private, no-store');
			expect(stream.headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
			// Both fast islands are in while the gated one is held: the first bytes did not wait for it.
			await stream.until('<mochi-stream for="2"');
			const early = stream.text();
			expect(stream.ended()).toBe(false);
			expect(early).toContain('data-testid="page"');
			expect(early).not.toContain('gated released');
			expect(early).not.toContain('</html>');
			expect(carriers(early).map((c) => c.slot)).toEqual([0, 2]);
			await release(app, gate);
			const body = await stream.end();
			const written = carriers(body);
			// Page order is a, gated, b; completion order a, b, gated.
			expect(written.map((c) => c.slot)).toEqual([0, 2, 1]);
			expect(written.map((c) => c.html.match(/(fast a|fast b|gated released)/)?.[1])).toEqual(['fast a', 'fast b', 'gated released']);
			// After the page's markup, and the template's tail after the last island.
			expect(body.indexOf('<template>')).toBeGreaterThan(body.indexOf('data-testid="fallback-b"'));
			expect(body.trimEnd()).toMatch(/<mochi-stream for="1"><\/mochi-stream>\s*<\/body>\s*<\/html>$/);
			// Shells wait for their slot; nothing asks the browser to fetch or preload them.
			expect(body.match(/<mochi-island name="(Fast|Gated)" signed-props="[^"]+" stream="\d"/g)).toHaveLength(3);
			expect(body).not.toContain('rel="preload" as="fetch"');
			// Right after the page's markup: built, the runtime and the stream module inline under the page's nonce (no
			// round trip for them before the first island can be swapped in); in dev, Vite's modules by URL.
			const nonce = String(stream.headers['content-security-policy']).match(/'nonce-([^']+)'/)![1].replace(/[+/=]/g, '\\$&');
			const inline = `<script type="module" async nonce="${nonce}">(?!<)[^]+?</script><script type="module" async nonce="${nonce}">(?!<)[^]+?</script><template>`;
			const external = '<script type="module" async src="[^"]+"></script><script type="module" async src="[^"]+"></script><template>';
			expect(body).toMatch(new RegExp(app.mode === 'built' ? inline : external));
			if (app.mode === 'built') expect(body).not.toMatch(/rel="modulepreload" href="[^"]*(runtime|stream)/);
		});

		it("renders each island in the visitor's own context: cookies, the hook's locals, the page and island URLs", async () => {
			const [alice, bob] = await Promise.all([
				send(`${app.url}/private`, { headers: { cookie: `user=${SECRET}` } }),
				send(`${app.url}/private`, { headers: { cookie: 'user=bob-91c2' } })
			]);
			expect(carriers(alice.body)[0].html).toContain(`for ${SECRET} (hook: ${SECRET}) on /private via /_mochi/island/Personal`);
			expect(alice.body).not.toContain('bob-91c2');
			expect(carriers(bob.body)[0].html).toContain('for bob-91c2 (hook: bob-91c2)');
			expect(bob.body).not.toContain(SECRET);
		});

		it('flushes each island through gzip and brotli as it completes', async () => {
			for (const encoding of ['gzip', 'br']) {
				const gate = newGate();
				const stream = await openStream(`${app.url}/?gate=${gate}`, { 'accept-encoding': encoding });
				expect(stream.headers['content-encoding']).toBe(encoding);
				expect(stream.headers.vary).toMatch(/accept-encoding/i);
				await stream.until('fast b');
				expect(stream.text()).not.toContain('gated released');
				await release(app, gate);
				expect(carriers(await stream.end()).map((c) => c.slot)).toEqual([0, 2, 1]);
			}
		});

		it('decides error(), redirect() and setStatus() before the first byte', async () => {
			const redirected = await send(`${app.url}/status?do=redirect`);
			expect([redirected.status, redirected.headers.location]).toEqual([303, '/private']);
			expect(redirected.body).not.toContain('mochi-stream');
			const failed = await send(`${app.url}/status?do=error`);
			expect(failed.status).toBe(404);
			expect(failed.headers['x-accel-buffering']).toBeUndefined();
			expect(failed.body).not.toContain('<mochi-stream');
			expect(failed.body).not.toMatch(/ stream="/);
			const gone = await send(`${app.url}/status?do=status`);
			expect(gone.status).toBe(410);
			expect(carriers(gone.body).map((c) => c.html)).toEqual([expect.stringContaining('fast a')]);
		});

		it('leaves :visible islands to the browser', async () => {
			const { body } = await send(`${app.url}/visible`);
			expect(body).toMatch(/<mochi-island name="Later" signed-props="[^"]+" load="visible">/);
			expect(carriers(body).map((c) => c.html)).toEqual([expect.stringContaining('fast a')]);
		});
	});

	describe(`${app.mode}: pages that may be shared never carry island HTML`, () => {
		it.each(['/shared', '/s-maxage', '/prerendered'])('%s: no island HTML, no personal data; the island is fetched', async (path) => {
			const page = await send(`${app.url}${path}`, { headers: { ...visitor, 'accept-encoding': 'identity' } });
			expect(page.status).toBe(200);
			expect(page.body).not.toContain(SECRET);
			expect(page.body).not.toContain('<mochi-stream');
			expect(page.body).not.toMatch(/ stream="/);
			expect(page.headers['x-accel-buffering']).toBeUndefined();
			const token = page.body.match(/<mochi-island name="Personal" signed-props="([^"]+)">/)![1];
			// The island itself is personal: fetched with the cookie, it has the visitor's name.
			const island = await send(`${app.url}/_mochi/island/Personal?p=${token}`, { headers: { ...visitor, referer: `${app.url}${path}` } });
			expect(island.body).toContain(`for ${SECRET}`);
		});
	});

	describe(`${app.mode}: what an island can do, streamed`, () => {
		it('an island that sets a cookie is fetched instead, and from then on is not streamed', async () => {
			const first = await send(`${app.url}/cookie`);
			expect(first.headers['set-cookie']).toBeUndefined();
			const [cookie, fast] = carriers(first.body).sort((x, y) => x.slot - y.slot);
			expect([cookie.attributes, cookie.html]).toEqual(['fetch', '']);
			expect(fast.html).toContain('fast a');
			const again = await send(`${app.url}/cookie`);
			const token = again.body.match(/<mochi-island name="SetsCookie" signed-props="([^"]+)">/)?.[1];
			expect(token).toBeTruthy();
			expect(again.body).toContain(`rel="preload" as="fetch" href="/_mochi/island/SetsCookie?p=${token}"`);
			expect(carriers(again.body).map((c) => c.html)).toEqual([expect.stringContaining('fast a')]);
			const island = await send(`${app.url}/_mochi/island/SetsCookie?p=${token}`);
			expect(island.headers['set-cookie']).toEqual([expect.stringMatching(/^seen=yes; Path=\//)]);
		});

		it("a header a hook puts on one island's answer makes it fetched (and logged once); one the page carries too does not", async () => {
			const first = await send(`${app.url}/tagged`);
			expect(first.headers['x-app']).toBe('streaming-test');
			const [tagged, fast] = carriers(first.body).sort((x, y) => x.slot - y.slot);
			expect([tagged.attributes, tagged.html]).toEqual(['fetch', '']);
			// Fast's answer has x-app too, but the page carries the same value: it streams.
			expect([fast.attributes, fast.html]).toEqual(['', expect.stringContaining('fast a')]);
			expect(app.output()).toMatch(/island Tagged is fetched, not streamed: its answer sets x-island-tag/);
			const token = first.body.match(/<mochi-island name="Tagged" signed-props="([^"]+)"/)![1];
			const island = await send(`${app.url}/_mochi/island/Tagged?p=${token}`);
			expect(island.headers['x-island-tag']).toBe('tagged');
			// From then on it is fetched (preloaded), not streamed, and not logged again.
			const again = await send(`${app.url}/tagged`);
			expect(again.body).toContain(`rel="preload" as="fetch" href="/_mochi/island/Tagged?p=${token}"`);
			expect(carriers(again.body).map((c) => c.html)).toEqual([expect.stringContaining('fast a')]);
			expect(app.output().match(/island Tagged is fetched, not streamed/g)).toHaveLength(1);
		});

		it("an island whose raw HTML would end its template is fetched instead: it can't escape into the page", async () => {
			const page = await send(`${app.url}/raw`);
			const [template, fast] = carriers(page.body).sort((x, y) => x.slot - y.slot);
			expect([template.attributes, template.html]).toEqual(['fetch', '']);
			expect(fast.html).toContain('fast a');
			expect(page.body).not.toContain('data-testid="escaped"');
			// What the browser's fetch gets: the island's whole HTML, which innerHTML confines.
			const token = page.body.match(/<mochi-island name="RawHtml" signed-props="([^"]+)"/)![1];
			const island = await send(`${app.url}/_mochi/island/RawHtml?p=${token}`);
			expect(island.status).toBe(200);
			expect(island.body).toContain('before</template><p data-testid="escaped">outside</p>');
		});

		it('a throwing island keeps its fallback with the reason a fetch would give; the others render', async () => {
			const page = await send(`${app.url}/broken`);
			const [broken, fast] = carriers(page.body).sort((x, y) => x.slot - y.slot);
			const token = page.body.match(/<mochi-island name="Broken" signed-props="([^"]+)"/)![1];
			const fetched = await send(`${app.url}/_mochi/island/Broken?p=${token}`);
			expect([broken.attributes, broken.html]).toEqual([`error="${fetched.headers['x-mochi-island-error']}" status="${fetched.status}"`, '']);
			expect(broken.attributes).toBe('error="render" status="500"');
			expect(fast.html).toContain('fast a');
			expect(app.output()).toMatch(/island Broken failed to render \(500\): .*Broken island, on purpose/);
		});

		it('a client that goes away mid-stream: its islands are told to stop, nothing is logged, nothing is left open', async () => {
			const counts = async () => (await (await fetch(`${app.url}/api/counts`)).json()) as Record<string, number>;
			const before = await counts();
			const logged = app.output().length;
			const runs = 8;
			for (let i = 0; i < runs; i++) {
				const stream = await openStream(`${app.url}/watch?gate=${newGate()}`, { 'accept-encoding': i % 2 ? 'gzip' : 'identity' });
				await stream.until('fast a');
				stream.destroy();
			}
			await waitFor(async () => ((await counts())['watcher-aborted'] ?? 0) - (before['watcher-aborted'] ?? 0) === runs, {
				what: `${runs} aborted watchers`,
				timeout: 15_000
			});
			// Sockets and timers (the render timeout's) are gone again; a few fetches of /api/counts may still close.
			await waitFor(async () => (await counts()).resources <= before.resources + 2, { what: 'open resources back to where they were', timeout: 10_000 });
			const after = await counts();
			expect((after['watcher-started'] ?? 0) - (before['watcher-started'] ?? 0)).toBe(runs);
			expect(after['watcher-released'] ?? 0).toBe(before['watcher-released'] ?? 0);
			expect(app.output().slice(logged)).not.toMatch(/error|failed|Error/);
			// Still serving, and streaming.
			const gate = newGate();
			await release(app, gate);
			const page = await send(`${app.url}/watch?gate=${gate}`);
			expect(carriers(page.body).map((c) => c.html).join()).toContain('watcher released');
		});
	});
}
