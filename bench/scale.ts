// `pnpm bench --scale`: how build time, server start-up, memory and the shell's CPU grow with the number of
// prerendered pages (100, 1,000, 10,000 by default). See README.md ("Scale") for the method and the targets.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { REPO, tokenOf } from '../tests/helpers/app.js';
import { buildScaleApp, keyOf, pagePath, scaleAppRoot, writeScaleApp } from './lib/scale-app.js';
import { startScaleServer, type ScaleServer } from './lib/scale-server.js';
import { scaleTable, scaleVerdicts, type ScaleRow } from './lib/scale-report.js';
import { get } from './lib/http.js';
import { runLoad } from './lib/load.js';
import { cpuTime, procAvailable, rssBytes, settle } from './lib/proc.js';

const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));
const { values: args } = parseArgs({
	// `pnpm bench -- --hook` hands the script a literal `--`: drop it, so both spellings work.
	args: process.argv.slice(2).filter((arg) => arg !== '--'),
	options: {
		scale: { type: 'boolean' },
		pages: { type: 'string' },
		short: { type: 'boolean' },
		seconds: { type: 'string' },
		connections: { type: 'string' },
		'no-build': { type: 'boolean' },
		/** Serve the builds with another copy of the framework (a folder like packages/mochi, with dist/): to measure a baseline. */
		framework: { type: 'string' }
	}
});
const SIZES = (args.pages ?? '100,1000,10000').split(',').map((n) => Number(n.trim()));
const SECONDS = Number(args.seconds ?? (args.short ? 2 : 5));
const CONNECTIONS = Number(args.connections ?? 50);
const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };
/** The key a server that must re-sign every page runs with (the build's is in the app folder: keyOf). */
const OTHER_KEY = randomBytes(32).toString('base64url');
/** Start-up of a 10,000-page server before this work took minutes (brotli 11 of every page): bounded, generously. */
const START_TIMEOUT = 15 * 60_000;

const log = (line = '') => console.log(line);

async function main(): Promise<void> {
	if (!procAvailable()) throw new Error('the bench reads server CPU time from /proc: it runs on Linux only');
	if (SIZES.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--pages=${args.pages}: whole numbers, comma-separated`);
	const loadBefore = os.loadavg();
	log(`Mochi scale bench: ${SIZES.join(', ')} prerendered pages, ${SECONDS} s of load per size, ${CONNECTIONS} connections`);
	log(`Node ${process.version}, ${os.cpus().length} CPUs, load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);
	const rows: ScaleRow[] = [];
	for (const pages of SIZES) rows.push(await measureSize(pages));
	const loadAfter = os.loadavg();
	log('\n' + scaleTable(rows));
	log('\n' + scaleVerdicts(rows).join('\n'));
	log(`Load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${loadAfter.map((l) => l.toFixed(2)).join(' ')} after.`);
	fs.mkdirSync(RESULTS, { recursive: true });
	const file = path.join(RESULTS, 'latest-scale.json');
	fs.writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadAverage: { before: loadBefore, after: loadAfter }, seconds: SECONDS, rows }, null, '\t') + '\n');
	log(`Wrote ${path.relative(process.cwd(), file)}. Timings are reported, never enforced.`);
}

async function measureSize(pages: number): Promise<ScaleRow> {
	log(`\n${pages} pages`);
	let root = scaleAppRoot(pages);
	let buildSeconds: number | null = null;
	if (!args['no-build'] || !fs.existsSync(path.join(root, 'build/index.js'))) {
		root = writeScaleApp(pages);
		const built = await buildScaleApp(root);
		buildSeconds = built.seconds;
		fs.mkdirSync(RESULTS, { recursive: true });
		fs.writeFileSync(path.join(RESULTS, `scale-build-${pages}.log`), built.output);
		const compressed = built.output.match(/precompressed \d+ prerendered pages.*/)?.[0];
		log(`  built in ${buildSeconds.toFixed(1)} s (${((buildSeconds * 1000) / pages).toFixed(2)} ms/page)${compressed ? `; ${compressed}` : ''}`);
	} else {
		log('  --no-build: reusing its build');
	}
	linkFramework(root, args.framework ? path.resolve(args.framework) : path.join(REPO, 'packages/mochi'));
	const BUILD_KEY = keyOf(root);
	const sample = samplePaths(pages, 2000);
	// The server runs with the key the build signed with: nothing to re-sign.
	const same = await startScaleServer(root, BUILD_KEY, pagePath(pages - 1), START_TIMEOUT);
	let row: ScaleRow;
	try {
		const rssAfterStart = await settledRss(same);
		log(`  same key: first answer ${same.startSeconds.toFixed(2)} s after spawn, RSS ${mb(rssAfterStart)}`);
		const sizes = await checkPages(same, pages);
		const cpu = await shellCpu(same, sample);
		log(`  shell: ${cpu.toFixed(1)} µs CPU/req over ${Math.min(pages, sample.length)} distinct pages`);
		await requestEveryPage(same, pages);
		const rssAfterAll = await settledRss(same);
		log(`  RSS after every page was served once (brotli): ${mb(rssAfterAll)}`);
		row = { pages, buildSeconds, startSeconds: same.startSeconds, resignStartSeconds: 0, rssAfterStart, rssAfterAll, resignRssAfterStart: 0, ...sizes, shellCpuMicros: cpu };
	} finally {
		await same.stop();
	}
	// Another key: every page's tokens must be signed again at start.
	const other = await startScaleServer(root, OTHER_KEY, pagePath(pages - 1), START_TIMEOUT);
	try {
		row.resignStartSeconds = other.startSeconds;
		row.resignRssAfterStart = await settledRss(other);
		await checkIslands(other, pages);
		log(`  another key (re-signed): first answer ${other.startSeconds.toFixed(2)} s after spawn, RSS ${mb(row.resignRssAfterStart)}; its islands answer 200`);
	} finally {
		await other.stop();
	}
	return row;
}

/** The app's node_modules/mochi-framework link (the server's imports go through it), to `--framework` or the repo's. */
function linkFramework(root: string, dir: string): void {
	const link = path.join(root, 'node_modules/mochi-framework');
	fs.rmSync(link, { force: true });
	fs.symlinkSync(dir, link);
	if (args.framework) log(`  served with the framework in ${dir}`);
}

async function settledRss(server: ScaleServer): Promise<number> {
	await settle(server.pid, 300, 5000);
	return rssBytes(server.pid);
}

/** Pages spread over the whole set, shuffled with a fixed seed, so a run touches as many as it can. */
function samplePaths(pages: number, count: number): string[] {
	const step = Math.max(1, Math.floor(pages / count));
	const paths: string[] = [];
	for (let i = 0; i < pages && paths.length < count; i += step) paths.push(pagePath(i));
	let seed = 7;
	for (let i = paths.length - 1; i > 0; i--) {
		seed = (seed * 1103515245 + 12345) >>> 0;
		const j = seed % (i + 1);
		[paths[i], paths[j]] = [paths[j], paths[i]];
	}
	return paths;
}

/** Twenty pages, each encoding: the right page, its islands, and the average sizes sent. */
async function checkPages(server: ScaleServer, pages: number): Promise<{ htmlBytes: number; brotliBytes: number }> {
	let html = 0;
	let br = 0;
	const picks = samplePaths(pages, 20);
	for (const p of picks) {
		const plain = await get(server.url + p);
		const text = plain.body.toString('utf8');
		if (plain.status !== 200 || !text.includes(`<h1>Page ${Number(p.slice(3))}:`)) throw new Error(`GET ${p} answered ${plain.status}:\n${text.slice(0, 300)}`);
		tokenOf(text, 'Stock');
		tokenOf(text, 'Viewer');
		const compressed = await get(server.url + p, BROWSER);
		if (compressed.headers['content-encoding'] !== 'br') throw new Error(`GET ${p} with br: content-encoding ${compressed.headers['content-encoding']}`);
		html += plain.body.length;
		br += compressed.body.length;
	}
	return { htmlBytes: html / picks.length, brotliBytes: br / picks.length };
}

/** The islands of a page served by a server that re-signed it verify with that server's key. */
async function checkIslands(server: ScaleServer, pages: number): Promise<void> {
	const p = pagePath(Math.floor(pages / 2));
	const html = (await get(server.url + p)).body.toString('utf8');
	for (const name of ['Stock', 'Viewer']) {
		const island = await get(`${server.url}/_mochi/island/${name}?p=${tokenOf(html, name)}`, { referer: server.url + p });
		if (island.status !== 200) throw new Error(`island ${name} of ${p} answered ${island.status} after re-signing`);
	}
}

/** Shell CPU µs per request, brotli, each connection walking the sample; after a warm-up over the same paths. */
async function shellCpu(server: ScaleServer, paths: string[]): Promise<number> {
	await runLoad({ url: server.url, connections: CONNECTIONS, seconds: 1, headers: BROWSER, paths });
	await settle(server.pid);
	const before = cpuTime(server.pid);
	const load = await runLoad({ url: server.url, connections: CONNECTIONS, seconds: SECONDS, headers: BROWSER, paths });
	const after = cpuTime(server.pid);
	const ok = load.statuses['200'] ?? 0;
	if (ok !== load.requests || load.errors > 0) throw new Error(`shell load: ${JSON.stringify(load.statuses)}, ${load.errors} errors`);
	return (after.user - before.user + after.system - before.system) / load.requests;
}

/** Every page once, with brotli, eight at a time. */
async function requestEveryPage(server: ScaleServer, pages: number): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < pages) {
			const p = pagePath(next++);
			const response = await get(server.url + p, BROWSER);
			if (response.status !== 200) throw new Error(`GET ${p} answered ${response.status}`);
		}
	};
	await Promise.all(Array.from({ length: 8 }, worker));
}

function mb(bytes: number): string {
	return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
