// `mochi({ islands: { stream: false } })`: the same app fetches every island, as a page that may be shared does.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { send } from '../helpers/raw-request.js';
import { makeTempApp, removeTempApps } from '../helpers/temp-app.js';
import { APP, useStreamingApp, type StreamingApp } from './fixture.js';
import { useVisitors } from './browser.js';

/** The fixture's src/, as files for a temporary copy built with its own config. */
function sources(dir = path.join(APP, 'src'), into: Record<string, string> = {}): Record<string, string> {
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const file = path.join(dir, entry.name);
		if (entry.isDirectory()) sources(file, into);
		else into[path.relative(APP, file)] = fs.readFileSync(file, 'utf8');
	}
	return into;
}

const config = `import { defineConfig } from 'vite';
import { mochi } from 'mochi-framework/vite';
export default defineConfig({ plugins: [mochi({ islands: { stream: false } })] });
`;

const dev = useStreamingApp('dev', APP, 'vite.no-stream.config.ts');
const built = useStreamingApp('built', makeTempApp('no-stream', { ...sources(), 'vite.config.ts': config }, 'streaming'));
afterAll(() => removeTempApps());

for (const app of [dev, built] as StreamingApp[]) {
	describe(`${app.mode}: stream: false`, () => {
		it('an uncacheable on-demand page carries no island HTML; its islands are fetched and preloaded', async () => {
			const page = await send(`${app.url}/private`, { headers: { cookie: 'user=carol-5d1e' } });
			expect(page.status).toBe(200);
			expect(page.headers['x-accel-buffering']).toBeUndefined();
			expect(page.headers['content-length']).toBeDefined();
			expect(page.body).not.toContain('carol-5d1e');
			expect(page.body).not.toContain('<mochi-stream');
			expect(page.body).not.toMatch(/ stream="/);
			const token = page.body.match(/<mochi-island name="Personal" signed-props="([^"]+)">/)![1];
			expect(page.body).toContain(`<link rel="preload" as="fetch" href="/_mochi/island/Personal?p=${token}" crossorigin>`);
		});
	});
}

describe('built, stream: false, in Chromium', () => {
	const visitor = useVisitors();
	it('fetches the island, which shows what it would have streamed', async () => {
		const { page, islandRequests, violations } = await visitor();
		await page.context().addCookies([{ name: 'user', value: 'carol-5d1e', url: built.url }]);
		await page.goto(`${built.url}/private`);
		await expect.poll(() => page.getByTestId('personal').textContent(), { timeout: 10_000 }).toBe('for carol-5d1e (hook: carol-5d1e) on /private via /_mochi/island/Personal');
		expect(islandRequests()).toEqual(['/_mochi/island/Personal']);
		expect(await violations()).toEqual([]);
	});
});
