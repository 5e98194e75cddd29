// What the built server sends: a fresh nonce per on-demand page (on the very tags that need it), hashes of
// exactly the inline tags a prerendered page serves, the policy as configured on island answers.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tokenOf } from '../helpers/app.js';
import type { CspApp } from './fixture.js';

const POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'";
const ISLAND_RULE = `'sha256-${createHash('sha256').update('mochi-island{display:contents}').digest('base64')}'`;
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Every inline `<script>` that would run (not JSON data) and every `<style>` in a page, with its attributes. */
function inlineTags(html: string): Array<{ tag: string; attributes: string; text: string }> {
	const tags = [...html.matchAll(/<(script|style)([^>]*)>([\s\S]*?)<\/\1>/g)].map(([, tag, attributes, text]) => ({ tag, attributes, text }));
	return tags.filter(({ tag, attributes }) => tag === 'style' || (!/\bsrc=/.test(attributes) && !/type="application\/(?:ld\+)?json"/.test(attributes)));
}

async function get(url: string) {
	const response = await fetch(url);
	return { response, html: await response.text() };
}

export function headersSuite(app: CspApp, { reportOnly = false } = {}): void {
	const name = reportOnly ? 'content-security-policy-report-only' : 'content-security-policy';
	const other = reportOnly ? 'content-security-policy' : 'content-security-policy-report-only';

	describe(`the ${name} header`, () => {
		it('of an on-demand page: a fresh nonce each time, carried by every inline tag, beside the island rule', async () => {
			const [first, second] = [await get(`${app.url}/`), await get(`${app.url}/`)];
			const nonces = [first, second].map(({ response }) => {
				expect(response.headers.get(other)).toBeNull();
				const policy = response.headers.get(name)!;
				const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
				expect(nonce, policy).toBeDefined();
				expect(Buffer.from(nonce!, 'base64')).toHaveLength(16);
				expect(policy).toBe(
					`default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self' ${ISLAND_RULE} 'nonce-${nonce}'; ` +
						"img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'"
				);
				return nonce!;
			});
			expect(nonces[0]).not.toBe(nonces[1]);
			// The app's script and style, Svelte's hydratable() data script and, built, the runtime and stream module
			// this streaming page carries inline: each has this page's nonce.
			const tags = inlineTags(first.html);
			const streamModules = app.mode === 'built' ? ['script', 'script'] : [];
			expect(tags.map(({ tag }) => tag).sort()).toEqual(['script', 'script', ...streamModules, 'style', 'style']);
			for (const { tag, attributes, text } of tags) {
				if (text === 'mochi-island{display:contents}') expect(attributes).toBe('');
				// The inline runtime and stream module are async modules; every other tag has the nonce alone.
				else expect(attributes.replace(/^ type="module" async(?= nonce=)/, ''), `${tag}: ${text.slice(0, 60)}`).toBe(` nonce="${nonces[0]}"`);
			}
		});

		it("of a form action's answer (a fail() and a result), with and without the enhance header: the page's own fresh nonce", async () => {
			const seen = new Set<string>();
			for (const body of ['name=', 'name=Ann']) {
				for (const enhance of [{}, { 'x-mochi-enhance': '1' }] as Array<Record<string, string>>) {
					const response = await fetch(`${app.url}/form`, {
						method: 'POST',
						headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.url, ...enhance },
						body
					});
					const html = await response.text();
					expect(response.status).toBe(body === 'name=' ? 400 : 200);
					expect(html).toContain(body === 'name=' ? 'a name, please' : 'hello Ann');
					const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(response.headers.get(name) ?? '')?.[1];
					expect(nonce, `${body} ${JSON.stringify(enhance)}`).toBeDefined();
					seen.add(nonce!);
					const tags = inlineTags(html).filter(({ text }) => text !== 'mochi-island{display:contents}');
					// The form page's script and style, the showcase's, and the hydratable() data script.
					expect(tags).toHaveLength(5);
					for (const { tag, attributes, text } of tags) expect(attributes, `${tag}: ${text.slice(0, 60)}`).toBe(` nonce="${nonce}"`);
				}
			}
			expect(seen.size).toBe(4);
		});

		it('of a prerendered page: the same each time, listing the hash of each inline tag it serves, no nonce', async () => {
			const [first, second] = [await get(`${app.url}/prerendered`), await get(`${app.url}/prerendered`)];
			const policy = first.response.headers.get(name)!;
			expect(second.response.headers.get(name)).toBe(policy);
			expect(policy).not.toContain("'nonce-");
			expect(first.html).not.toContain('nonce=');
			expect(first.html).not.toContain('mochi-prerender-');
			const tags = inlineTags(first.html);
			expect(tags).toHaveLength(4);
			const scripts = tags.filter(({ tag }) => tag === 'script').map(({ text }) => sha256(text));
			const styles = tags.filter(({ tag, text }) => tag === 'style' && text !== 'mochi-island{display:contents}').map(({ text }) => sha256(text));
			expect(policy).toBe(
				`default-src 'self'; script-src 'self' ${scripts.join(' ')}; style-src 'self' ${ISLAND_RULE} ${styles.join(' ')}; ` +
					"img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'"
			);
		});

		it('of an island answer: the policy as configured, nothing added; a hydrate fragment carries data, not code', async () => {
			const { html } = await get(`${app.url}/`);
			for (const island of ['Greeting', 'Cart']) {
				const response = await fetch(`${app.url}/_mochi/island/${island}?p=${tokenOf(html, island)}`);
				expect(response.status).toBe(200);
				expect(response.headers.get(name)).toBe(POLICY);
				const body = await response.text();
				if (island === 'Greeting') {
					expect(response.headers.get('x-mochi-hydratable')).toBeNull();
					continue;
				}
				const token = response.headers.get('x-mochi-hydratable')!;
				expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
				expect(body).toContain(`<script type="application/json" data-mochi-hydratable="${token}">`);
				expect(inlineTags(body), 'no script in a fragment that would run').toEqual([]);
			}
			// A fresh token each answer, even for the same island and props.
			const again = await fetch(`${app.url}/_mochi/island/Cart?p=${tokenOf(html, 'Cart')}`);
			const tokens = new Set([again.headers.get('x-mochi-hydratable')]);
			const third = await fetch(`${app.url}/_mochi/island/Cart?p=${tokenOf(html, 'Cart')}`);
			tokens.add(third.headers.get('x-mochi-hydratable'));
			expect(tokens.size).toBe(2);
		});

		it('of a 404 page: its own nonce', async () => {
			const response = await fetch(`${app.url}/no-such-page`);
			expect(response.status).toBe(404);
			expect(response.headers.get(name)).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+';/);
		});
	});
}
