// `mochi dev`: edits to src/hooks.server.ts apply to the next requests without a restart, for pages,
// endpoints and islands alike; a hooks file that stops loading shows the error, and the fix applies again.
import { describe, expect, it } from 'vitest';
import { useDevCopy } from './fixture.js';

const WAIT = 15_000;

/**
 * chokidar (Vite's watcher) drops a second change to one file within 50 ms of the first: two saves that
 * close together would make the second edit look lost. A person doesn't save that fast; a test does.
 */
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe('dev server: hooks edits', () => {
	const dev = useDevCopy('hooks');

	async function fetchHeader(path: string, name: string): Promise<string | null> {
		const response = await fetch(dev.url + path, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
		await response.arrayBuffer();
		return response.headers.get(name);
	}

	async function body(path: string, cookie = ''): Promise<string> {
		const response = await fetch(dev.url + path, { headers: cookie ? { cookie } : {}, signal: AbortSignal.timeout(10_000) });
		return response.text();
	}

	it('applies an edit to the hooks without a restart, for a page and an endpoint', async () => {
		expect(await fetchHeader('/', 'x-hook-version')).toBe('1');
		await settle();
		dev.edit('src/hooks.server.ts', "response.headers.set('x-hook-version', '1');", "response.headers.set('x-hook-version', '2');");
		await expect.poll(() => fetchHeader('/', 'x-hook-version'), { timeout: WAIT, interval: 200 }).toBe('2');
		expect(await fetchHeader('/api/locals', 'x-hook-version')).toBe('2');
	});

	it('applies an edit to the guard: where it sends the visitor', async () => {
		expect(await fetchHeader('/account', 'location')).toBe('/login');
		await settle();
		dev.edit('src/hooks.server.ts', "redirect(303, '/login');\n\t// An island", "redirect(303, '/login?edited');\n\t// An island");
		await expect.poll(() => fetchHeader('/account', 'location'), { timeout: WAIT, interval: 200 }).toBe('/login?edited');
	});

	it('applies an edit to what the hook puts in locals, as the page and its layout read it', async () => {
		expect(await body('/', 'user=Ada')).toContain('[index] user=Ada');
		await settle();
		dev.edit('src/hooks.server.ts', "ctx.locals.user = ctx.cookies.get('user') ?? null;", "ctx.locals.user = (ctx.cookies.get('user') ?? 'nobody').toUpperCase();");
		await expect.poll(() => body('/', 'user=Ada'), { timeout: WAIT, interval: 200 }).toContain('[index] user=ADA');
		expect(await body('/')).toContain('[layout] user=NOBODY');
	});

	it('shows a hooks file that fails to load, and applies the fix', async () => {
		await settle();
		dev.edit('src/hooks.server.ts', 'export const handle = sequence(headers, session, special);', 'export const handle = sequence(headers, session, special;');
		await expect.poll(async () => (await fetch(dev.url + '/', { signal: AbortSignal.timeout(10_000) })).status, { timeout: WAIT, interval: 200 }).toBe(500);
		await settle();
		dev.edit('src/hooks.server.ts', 'export const handle = sequence(headers, session, special;', 'export const handle = sequence(headers, session, special);');
		await expect.poll(async () => (await fetch(dev.url + '/', { signal: AbortSignal.timeout(10_000) })).status, { timeout: WAIT, interval: 200 }).toBe(200);
		expect(await fetchHeader('/', 'x-hook-version')).toBe('2');
	});
});
