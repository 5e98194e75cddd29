// What a page loads: one immutable runtime module for its islands (every page has the header's), the enhance
// module where a page has an enhanced form (/ and the product pages), and the
// islands' CSS already in the page's stylesheet before their HTML arrives. (A page without any island
// loading no JavaScript at all is tests/e2e-client-islands' /plain: every demo page has the header.)
import { gzipSync } from 'node:zlib';
import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../helpers/wait.js';
import type { Demo } from './fixture.js';
import { HEADER_ISLANDS, HOME_ISLANDS } from './islands.js';
import { holdIslands, islandsSettled, WAIT } from './page.js';

const pathOf = (request: Request) => new URL(request.url()).pathname;

export function assetsSuite(demo: Demo): void {
	describe('page weight', () => {
		it('ships only the island runtime on /about, whose one personal part is the shared header', async () => {
			const html = await (await fetch(`${demo.url}/about`)).text();
			expect(html).toContain('About this demo');
			expect(html.match(/<script\b[^>]*>/g)).toEqual([expect.stringMatching(/^<script type="module" async src="\/_mochi\/assets\/[^"]+\.js">$/)]);

			const { page } = await demo.visitor();
			const requests: Request[] = [];
			page.on('request', (request) => requests.push(request));
			await page.goto(`${demo.url}/about`, { waitUntil: 'networkidle' });
			console.log('[e2e] /about requested:', requests.map((r) => `${r.resourceType()} ${pathOf(r)}`).join(', '));
			expect(requests.filter((r) => r.resourceType() === 'script').map(pathOf)).toEqual([expect.stringMatching(/^\/_mochi\/assets\/runtime-/)]);
			// Preloaded by <link rel=preload as=fetch> in the head, then picked up by the runtime: once each.
			expect(requests.map(pathOf).filter((p) => p.startsWith('/_mochi/island/')).sort()).toEqual(
				HEADER_ISLANDS.map((name) => `/_mochi/island/${name}`).sort()
			);
		});

		// Its "Add to cart" is an enhanced form: the enhance module comes with the runtime, still no Svelte.
		it('loads exactly two scripts on /, the immutable island runtime and the enhanced forms', async () => {
			const html = await (await fetch(`${demo.url}/`)).text();
			expect(html.match(/<script\b[^>]*>/g)).toEqual([
				// Enhance is deferred from the head; the runtime is async at the end of the markup (page-document.ts).
				expect.stringMatching(/^<script type="module" src="\/_mochi\/assets\/enhance-[^"]+\.js">$/),
				expect.stringMatching(/^<script type="module" async src="\/_mochi\/assets\/runtime-[^"]+\.js">$/)
			]);

			const { page } = await demo.visitor();
			const requests: Request[] = [];
			page.on('request', (request) => requests.push(request));
			await page.goto(`${demo.url}/`);
			await islandsSettled(page, HOME_ISLANDS);

			const scripts = requests.filter((r) => r.resourceType() === 'script');
			expect(scripts.map(pathOf).sort()).toEqual([expect.stringMatching(/^\/_mochi\/assets\/enhance-[^/]+\.js$/), expect.stringMatching(/^\/_mochi\/assets\/runtime-[^/]+\.js$/)]);
			for (const script of scripts) {
				const response = (await script.response())!;
				expect(response.status()).toBe(200);
				expect(response.headers()['cache-control']).toMatch(/\bimmutable\b/);
				expect(response.headers()['content-type']).toMatch(/javascript/);
				const body = await response.body();
				const runtime = pathOf(script).includes('/runtime-');
				console.log(`[e2e] ${runtime ? 'island runtime' : 'enhance'} ${pathOf(script)}: ${body.length} B raw, ${gzipSync(body).length} B gzip`);
				expect(body.toString()).toContain(runtime ? 'customElements' : 'submit');
			}
		});
	});

	describe('island CSS', () => {
		it('is in the page stylesheet before the Avatar island arrives, and styles it after the swap', async () => {
			const { page } = await demo.visitor({ user: 'Ada Lovelace' });
			const gate = await holdIslands(page);
			let before: { sheets: number; rules: string[] };
			try {
				await page.goto(`${demo.url}/`, { waitUntil: 'domcontentloaded' });
				await waitFor(() => gate.held.includes('Avatar'), { what: 'the held Avatar request', timeout: WAIT });
				// Every <link rel=stylesheet> has loaded (its sheet exists) while the island is still held.
				await page.waitForFunction(
					() => [...document.querySelectorAll<HTMLLinkElement>('link[rel=stylesheet]')].every((link) => link.sheet),
					null,
					{ timeout: WAIT }
				);
				before = await page.evaluate(() => ({
					sheets: document.querySelectorAll('link[rel=stylesheet], style').length,
					rules: [...document.querySelectorAll<HTMLLinkElement>('link[rel=stylesheet]')].flatMap((link) =>
						[...link.sheet!.cssRules].map((rule) => rule.cssText)
					)
				}));
				expect(await page.locator('.initials').count()).toBe(0);
			} finally {
				gate.release();
			}
			const initialsRule = before.rules.find((rule) => /^\.initials\.svelte-[\w-]+ \{/.test(rule));
			expect(initialsRule, 'a scoped .initials rule in the linked stylesheet').toMatch(/border-radius: 50%/);

			const initials = page.locator('[data-testid=avatar] .initials');
			await initials.waitFor({ state: 'visible' });
			expect(await initials.textContent()).toBe('AL');
			const style = await initials.evaluate((element) => {
				const { borderRadius, backgroundColor } = getComputedStyle(element);
				return { borderRadius, backgroundColor };
			});
			expect(style).toEqual({ borderRadius: '50%', backgroundColor: 'rgb(244, 194, 194)' });
			// The island brought no stylesheet of its own: the one linked in the shell did the work.
			expect(await page.evaluate(() => document.querySelectorAll('link[rel=stylesheet], style').length)).toBe(before.sheets);
		});
	});
}
