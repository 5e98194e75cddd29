import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { MochiApp } from '../runtime/server/app.js';
import type { PrerenderedEntry } from '../runtime/server/prerendered.js';

/**
 * Render every page that says `export const prerender = true` to build/prerendered/. Response
 * headers the page set (`cache-control`, …) are kept and served with the file.
 */
export async function prerender(app: MochiApp, outDir: string, log: (line: string) => void): Promise<Record<string, PrerenderedEntry>> {
	const entries: Record<string, PrerenderedEntry> = {};
	// With a policy: the nonce of every prerendered page, which the server turns into hashes when it starts
	// (runtime/server/prerendered-csp.ts). Random, so no text the pages render could carry it by chance.
	const cspPlaceholder = app.csp ? `mochi-prerender-${randomBytes(12).toString('base64url')}` : undefined;
	for (const route of await app.prerenderRoutes()) {
		if (route.segments.some((segment) => segment.type !== 'static')) {
			throw new Error(`${route.file}: prerender = true needs a page without [params]; ${route.id} is dynamic.`);
		}
		const pathname = route.id;
		const rendered = await app.renderPage(new Request(new URL(pathname, 'http://localhost')), { cspPlaceholder });
		const answer = rendered?.answer;
		if (!rendered || !answer || answer.status !== 200) {
			throw new Error(`${route.file}: prerendering ${pathname} answered ${answer?.status ?? 'nothing'}; see the error above.`);
		}
		if (answer.cookies.length > 0) throw new Error(`${route.file}: a prerendered page cannot set cookies (it is the same file for everyone).`);
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(answer.headers)) {
			if (name !== 'content-type') headers[name] = value;
		}
		const file = pathname === '/' ? 'index.html' : `${pathname.slice(1)}.html`;
		fs.mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
		fs.writeFileSync(path.join(outDir, file), answer.body);
		entries[pathname] = { file, headers, islands: rendered.prepared.state.islands, ...(cspPlaceholder && { cspPlaceholder }) };
		log(`  prerendered ${pathname} → build/prerendered/${file}`);
	}
	return entries;
}
