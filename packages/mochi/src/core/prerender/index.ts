// Build time: `mochi build` renders every page with `export const prerender = true` to build/prerendered/:
// the static ones, each dynamic one for the params its entries() returns, then (breadth first) every
// prerendered page their same-origin links reach. Rules checked before rendering live in plan.ts.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { MochiApp } from '../../runtime/server/app.js';
import type { RouteDefinition } from '../../runtime/server/app-types.js';
import type { PrerenderedEntry } from '../../runtime/server/prerendered.js';
import { planPrerender } from './plan.js';
import { PrerenderError } from './prerender-error.js';
import { pageFile, pagePath, showParams } from './page-path.js';
import { findLinks } from './links.js';
import { linkTarget, type CrawlContext } from './crawl.js';

export interface PrerenderOptions {
	/** build/prerendered (or the fresh build folder's). */
	outDir: string;
	/** build/client, whose files a crawled link may name. */
	clientDir: string;
	log: (line: string) => void;
	/** The app's folder. */
	root: string;
}

/** One page to render, and why: what messages name when it fails. */
interface Job {
	pathname: string;
	route: RouteDefinition;
	params: Record<string, string>;
	/** Set for a page found by crawling: the page that links to it and the link as written. */
	linkedFrom?: { job: Job; href: string };
}

/** Renders the pages and returns what build/server/manifest.json records of each, keyed by pathname. */
export async function prerender(app: MochiApp, options: PrerenderOptions): Promise<Record<string, PrerenderedEntry>> {
	const { outDir, log } = options;
	const plan = await planPrerender(app, options.root);
	const records: Record<string, PrerenderedEntry> = {};
	const queue: Job[] = [];
	const seen = new Map<string, Job>();
	// Lower-cased file → its job: on macOS and Windows `A.html` and `a.html` are one file.
	const files = new Map<string, Job>();
	// Paths a link named that are not prerendered (files, endpoints, on-demand pages): a site's navigation
	// links every page to them, and each would cost a file-system look-up.
	const leftAlone = new Set<string>();

	for (const { route, entries } of plan.pages) {
		for (const entry of entries) {
			let pathname: string;
			try {
				pathname = pagePath(route.segments, entry);
			} catch (error) {
				throw new PrerenderError(`${route.file}: entries() returned ${showParams(entry)}: ${(error as Error).message}.`);
			}
			const answering = app.matchRoute(pathname);
			if (answering?.route.id !== route.id) {
				const other = answering ? `answered by ${answering.route.file}` : 'answered by no route';
				throw new PrerenderError(`${route.file}: entries() returned ${showParams(entry)}, whose URL ${pathname} is ${other}, not by this page.`);
			}
			const job: Job = { pathname, route, params: answering.params };
			const earlier = seen.get(pathname);
			if (earlier) throw new PrerenderError(`${route.file}: entries() returned ${showParams(entry)} twice; both would write build/prerendered/${pageFile(pathname)}.`);
			claimFile(job, files);
			seen.set(pathname, job);
			queue.push(job);
		}
	}

	const crawl: CrawlContext = { app, clientDir: options.clientDir, assetPath: app.islandPath.replace(/island\/$/, ''), prerendered: plan.prerendered };
	const origins = ['http://localhost', ...originOf(process.env.ORIGIN)];
	// With a policy: the nonce of every prerendered page, which the server turns into hashes when it starts
	// (runtime/server/prerendered-csp.ts). Random, so no text the pages render could carry it by chance.
	const cspPlaceholder = app.csp ? `mochi-prerender-${randomBytes(12).toString('base64url')}` : undefined;
	for (let i = 0; i < queue.length; i++) {
		const job = queue[i];
		const url = new URL(job.pathname, 'http://localhost');
		const rendered = await app.renderPage(new Request(url), { cspPlaceholder });
		const answer = rendered?.answer;
		if (!rendered || !answer || answer.status !== 200) {
			const status = answer?.status ?? 'nothing';
			// Only a crash (500) was logged just above; a 404 is the page's own `error(404)`, a 30x its redirect().
			const above = typeof status === 'number' && status >= 500 ? '; see the error above' : '';
			if (job.linkedFrom) throw new PrerenderError(`${describeJob(job.linkedFrom.job)} links to ${job.linkedFrom.href}, which answered ${status} when prerendered (${describeJob(job)})${above}.`);
			throw new PrerenderError(`${describeJob(job)}: prerendering answered ${status}${above}.`);
		}
		if (answer.cookies.length > 0) throw new PrerenderError(`${describeJob(job)}: a prerendered page cannot set cookies (it is the same file for everyone).`);
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(answer.headers)) {
			if (name !== 'content-type') headers[name] = value;
		}
		const file = pageFile(job.pathname);
		fs.mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
		fs.writeFileSync(path.join(outDir, file), answer.body);
		records[job.pathname] = { file, headers, islands: rendered.prepared.state.islands, ...(cspPlaceholder && { cspPlaceholder }) };
		log(`  prerendered ${job.pathname} → build/prerendered/${file}${job.linkedFrom ? ` (linked from ${job.linkedFrom.job.pathname})` : ''}`);

		for (const link of findLinks(answer.body, url, origins)) {
			if (seen.has(link.pathname) || leftAlone.has(link.pathname)) continue;
			const target = linkTarget(link.pathname, crawl);
			if (target.kind === 'elsewhere') leftAlone.add(link.pathname);
			if (target.kind === 'missing') throw new PrerenderError(`${describeJob(job)} links to ${link.href}, which is a 404: no page, endpoint or file answers ${link.pathname}.`);
			if (target.kind !== 'prerender') continue;
			const found: Job = { pathname: link.pathname, route: target.route, params: target.params, linkedFrom: { job, href: link.href } };
			claimFile(found, files);
			seen.set(link.pathname, found);
			queue.push(found);
		}
	}
	return records;
}

/** "two entries writing one file": only case tells their files apart, which macOS and Windows ignore. */
function claimFile(job: Job, files: Map<string, Job>): void {
	const file = pageFile(job.pathname);
	const other = files.get(file.toLowerCase());
	if (other) {
		throw new PrerenderError(`${describeJob(other)} and ${describeJob(job)} would both write build/prerendered/${file}${pageFile(other.pathname) === file ? '' : ` (as ${pageFile(other.pathname)}: one file where case does not count, as on macOS and Windows)`}; give one of them another URL.`);
	}
	files.set(file.toLowerCase(), job);
}

/** `src/routes/blog/[slug].svelte (/blog/a, params { slug: "a" })`: the page file, its URL and its params. */
function describeJob(job: Job): string {
	const params = Object.keys(job.params).length ? `, params ${showParams(job.params)}` : '';
	return `${job.route.file} (${job.pathname}${params})`;
}

function originOf(value: string | undefined): string[] {
	if (!value) return [];
	try {
		return [new URL(value).origin];
	} catch {
		return [];
	}
}
