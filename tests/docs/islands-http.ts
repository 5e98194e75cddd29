// The docs' two server islands over real HTTP: ReadMark (end of each guide page) records the page in a
// cookie; LastRead (home page) reads it back. Hostile cookies and tokens next to the happy case.
import { describe, expect, it } from 'vitest';
import { send } from '../helpers/raw-request.js';
import { attributesOf, internalLinks } from './crawl.js';
import { contentUrls, type Docs } from './fixture.js';

const COOKIE = 'mochi-docs-read';

export function islandsHttpSuite(docs: Docs): void {
	/** The token of the island `name` on the page at `path`. */
	async function tokenOf(path: string, name: string): Promise<Record<string, string>> {
		const page = await send(docs.url + path);
		expect(page.status).toBe(200);
		const island = attributesOf(page.body, 'mochi-island').find((attributes) => attributes.name === name);
		expect(island, `${name} on ${path}`).toBeDefined();
		return island!;
	}

	function island(name: string, token: string, headers: Record<string, string> = {}) {
		return send(`${docs.url}/_mochi/island/${name}?p=${token}`, { headers });
	}

	/** The cookie a Set-Cookie line sets, as a browser would send it back. */
	function cookieFrom(setCookie: string[] | undefined): string {
		const line = (setCookie ?? []).find((header) => header.startsWith(`${COOKIE}=`));
		expect(line, 'the island set the reading cookie').toBeDefined();
		return line!.split(';')[0];
	}

	describe('reading place islands, over HTTP', () => {
		it('each guide page ends with a ReadMark fetched when scrolled near, and no reference page has one', async () => {
			for (const url of contentUrls('guide')) {
				const mark = await tokenOf(url, 'ReadMark');
				expect(mark.load, url).toBe('visible');
			}
			for (const url of contentUrls('reference')) {
				expect((await send(docs.url + url)).body, url).not.toContain('<mochi-island');
			}
		});

		it('ReadMark records the page, and LastRead on the home page offers the next one', async () => {
			const mark = await tokenOf('/guide/routing', 'ReadMark');
			const marked = await island('ReadMark', mark['signed-props'], { referer: `${docs.url}/guide/routing` });
			expect(marked.status).toBe(200);
			expect(marked.headers['cache-control']).toBe('private, no-store');
			expect(marked.body).toContain('Saved your place');
			const cookie = cookieFrom(marked.headers['set-cookie'] as string[]);
			expect(decodeURIComponent(cookie)).toBe(`${COOKIE}=guide/routing`);
			expect((marked.headers['set-cookie'] as string[]).join()).toMatch(/HttpOnly/i);

			const home = await tokenOf('/', 'LastRead');
			const greeted = await island('LastRead', home['signed-props'], { cookie });
			expect(greeted.status).toBe(200);
			expect(greeted.body).toContain('You last finished');
			expect(internalLinks(greeted.body, docs.url)).toEqual(['/guide/routing', '/guide/directives']);
		});

		it('the last guide page read says the guide is done; a stranger is sent to Getting started', async () => {
			const home = (await tokenOf('/', 'LastRead'))['signed-props'];
			const guide = contentUrls('guide');
			const done = await island('LastRead', home, { cookie: `${COOKIE}=guide%2Fcheck` });
			expect(guide).toContain('/guide/check');
			expect(done.body).toContain('end of the guide');
			const stranger = await island('LastRead', home);
			expect(internalLinks(stranger.body, docs.url)).toEqual(['/guide/getting-started']);
		});

		it("a cookie naming anything but a guide page counts as none, and the server stays up", async () => {
			const home = (await tokenOf('/', 'LastRead'))['signed-props'];
			const hostile = ['reference%2Fcli', '..%2F..%2Fetc%2Fpasswd', '%3Cscript%3E', 'x'.repeat(3000), '%E0%A4%A', '__proto__', 'constructor'];
			for (const value of hostile) {
				const answer = await island('LastRead', home, { cookie: `${COOKIE}=${value}` });
				expect([value.slice(0, 20), answer.status]).toEqual([value.slice(0, 20), 200]);
				expect(internalLinks(answer.body, docs.url)).toEqual(['/guide/getting-started']);
				expect(answer.body).not.toContain('<script');
			}
			expect((await send(docs.url + '/')).status).toBe(200);
		});

		it('a ReadMark token cannot be changed to record another page, nor used as another island', async () => {
			const token = (await tokenOf('/guide/routing', 'ReadMark'))['signed-props'];
			const [payload, mac] = token.split('.');
			const other = (await tokenOf('/guide/production', 'ReadMark'))['signed-props'];
			const forged = `${other.split('.')[0]}.${mac}`;
			expect(payload).not.toBe(other.split('.')[0]);
			const refused = await island('ReadMark', forged);
			expect([refused.status, refused.headers['x-mochi-island-error'], refused.headers['set-cookie']]).toEqual([403, 'signature', undefined]);
			const swapped = await island('LastRead', token);
			expect([swapped.status, swapped.headers['x-mochi-island-error']]).toEqual([403, 'signature']);
			expect((await island('ReadMark', token)).status).toBe(200);
		});
	});
}
