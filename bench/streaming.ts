// `pnpm bench:streaming` (issue 14, item 5): the demo's on-demand /products/matcha (four deferred islands, one of
// them, Recommended, ~300 ms slow) built twice, streamed and with `mochi({ islands: { stream: false } })`, each
// loaded cold in Chromium with 150 ms of round trip emulated (DevTools' Network.emulateNetworkConditions):
// time from navigation to each island's content, island requests, and the server's CPU per page view (the page
// plus, when fetched, its island requests). Then the prerendered `/`: each island's content minus its response end.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { launchBrowser } from '../tests/helpers/browser.js';
import { cpuMicros } from './lib/proc.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEMO = path.join(REPO, 'sites/demo');
const CLI = path.join(REPO, 'packages/mochi/bin/mochi.js');
const PAGE = '/products/matcha';
const RTT_MS = 150;
const VIEWS = Number(process.env.BENCH_VIEWS ?? 200);
const LOADS = Number(process.env.BENCH_LOADS ?? 3);
const KEY = randomBytes(32).toString('base64url');
const COOKIES = { demo_user: 'Ada', demo_cart: 'matcha,kinako' };
const COOKIE = Object.entries(COOKIES).map(([k, v]) => `${k}=${v}`).join('; ');
/** What Chromium sends for a page: the streamed page is brotli-compressed for it. */
const CHROMIUM_ENCODINGS = 'gzip, deflate, br, zstd';

/** A copy of the demo under its .mochi/ (ignored by git) with its own config, built. */
function buildVariant(name: string, stream: boolean): string {
	const root = path.join(DEMO, '.mochi', `bench-${name}`);
	fs.rmSync(root, { recursive: true, force: true });
	fs.mkdirSync(root, { recursive: true });
	// Not tsconfig.json: it extends the repository's by a relative path.
	for (const entry of ['src', 'static', 'package.json']) {
		if (fs.existsSync(path.join(DEMO, entry))) fs.cpSync(path.join(DEMO, entry), path.join(root, entry), { recursive: true });
	}
	fs.writeFileSync(
		path.join(root, 'vite.config.ts'),
		`import { defineConfig } from 'vite';\nimport { mochi } from 'mochi-framework/vite';\nexport default defineConfig({ plugins: [mochi({ islands: { stream: ${stream} } })] });\n`
	);
	execFileSync(process.execPath, [CLI, 'build'], { cwd: root, env: { ...process.env, MOCHI_KEY: KEY, NODE_ENV: 'production' }, stdio: 'ignore' });
	return root;
}

async function start(root: string): Promise<{ url: string; pid: number; stop(): void }> {
	const child = spawn(process.execPath, ['build'], { cwd: root, env: { ...process.env, MOCHI_KEY: KEY, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1' } });
	let out = '';
	child.stdout.on('data', (chunk) => (out += chunk));
	child.stderr.on('data', (chunk) => (out += chunk));
	const deadline = Date.now() + 20_000;
	for (;;) {
		const url = out.match(/Listening on (http:\/\/\S+)/)?.[1];
		if (url) return { url, pid: child.pid!, stop: () => child.kill() };
		if (Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

const RECORD = `window.__islands = []; for (const type of ['mochi:island-load', 'mochi:island-hydrate', 'mochi:island-error'])
	document.addEventListener(type, (e) => { if (e.target.hasAttribute('signed-props') || type !== 'mochi:island-load') window.__islands.push({ name: e.target.getAttribute('name'), type, at: performance.now() }); }, true);`;
const SETTLED = `[...document.querySelectorAll('mochi-island[signed-props]')].every((el) => el.hasAttribute('state'))`;
const READ = `(() => { const nav = performance.getEntriesByType('navigation')[0]; const resources = performance.getEntriesByType('resource');
	const end = (part) => { const r = resources.find((r) => r.name.includes(part)); return r ? r.responseEnd : null; };
	return { responseEnd: nav.responseEnd, dcl: nav.domContentLoadedEventEnd, runtimeEnd: end('/assets/runtime-'), streamEnd: end('/assets/stream-'),
		scripts: resources.filter((r) => r.initiatorType !== 'fetch').map((r) => r.name.split('/').pop() + ' ' + r.startTime.toFixed(0) + '→' + r.responseEnd.toFixed(0)), islands: window.__islands.filter((e) => e.type === 'mochi:island-load').map((e) => {
		const r = resources.find((r) => r.name.includes('/_mochi/island/' + e.name + '?')); return { ...e, responseEnd: r ? r.responseEnd : null }; }) }; })()`;

interface Load {
	islands: Record<string, number>;
	responseEnd: number;
	/** When the runtime module (and stream.ts, on a streamed page) had arrived; every other subresource, start → end. */
	runtimeEnd: number | null;
	streamEnd: number | null;
	scripts: string[];
	/** Content minus the later of its own response end and the runtime's arrival: what the page could do. */
	minusBoth: Record<string, number | null>;
	dcl: number;
	requests: number;
	minusResponse: Record<string, number | null>;
}

async function loadIn(url: string, page: string): Promise<Load> {
	const browser = await launchBrowser();
	try {
		const context = await browser.newContext();
		await context.addCookies(Object.entries(COOKIES).map(([name, value]) => ({ name, value, url })));
		const tab = await context.newPage();
		const cdp = await context.newCDPSession(tab);
		await cdp.send('Network.enable');
		// latency is added to each request's round trip: the page and each island request pay it.
		await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: RTT_MS, downloadThroughput: -1, uploadThroughput: -1 });
		let requests = 0;
		tab.on('request', (request) => new URL(request.url()).pathname.startsWith('/_mochi/island/') && requests++);
		await tab.addInitScript({ content: RECORD });
		await tab.goto(url + page, { waitUntil: 'load', timeout: 30_000 });
		await tab.waitForFunction(SETTLED, null, { timeout: 20_000 });
		const read = (await tab.evaluate(READ)) as {
			responseEnd: number;
			dcl: number;
			runtimeEnd: number | null;
			streamEnd: number | null;
			scripts: string[];
			islands: Array<{ name: string; at: number; responseEnd: number | null }>;
		};
		await context.close();
		return {
			islands: Object.fromEntries(read.islands.map((i) => [i.name, i.at])),
			minusResponse: Object.fromEntries(read.islands.map((i) => [i.name, i.responseEnd === null ? null : i.at - i.responseEnd])),
			minusBoth: Object.fromEntries(
				read.islands.map((i) => [i.name, i.responseEnd === null || read.runtimeEnd === null ? null : i.at - Math.max(i.responseEnd, read.runtimeEnd)])
			),
			responseEnd: read.responseEnd,
			dcl: read.dcl,
			runtimeEnd: read.runtimeEnd,
			streamEnd: read.streamEnd,
			scripts: read.scripts,
			requests
		};
	} finally {
		await browser.close();
	}
}

/**
 * Server CPU per page view: the page and, as the browser would, each island it fetches (sequential, keep-alive off).
 * `encoding`: the page's accept-encoding. A page that streams is compressed as it goes; one that doesn't is sent as is
 * (Mochi compresses prerendered pages and assets, not on-demand answers), so `identity` compares the two like for like.
 */
async function cpuPerView(url: string, pid: number, encoding: string): Promise<number> {
	const view = async () => {
		const body = await (await fetch(url + PAGE, { headers: { cookie: COOKIE, 'accept-encoding': encoding } })).text();
		const tokens = [...body.matchAll(/<mochi-island name="([^"]+)" signed-props="([^"]+)"(?! stream=)(?![^>]*load="visible")/g)];
		await Promise.all(tokens.map(([, name, token]) => fetch(`${url}/_mochi/island/${encodeURIComponent(name)}?p=${token}`, { headers: { cookie: COOKIE, referer: url + PAGE } }).then((r) => r.text())));
	};
	for (let i = 0; i < 20; i++) await view();
	const before = cpuMicros(pid);
	for (let i = 0; i < VIEWS; i++) await view();
	return (cpuMicros(pid) - before) / VIEWS;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The page's response as the server sends it, over loopback with no emulation: ms to the first body byte and to
 * the end (median of 5), the baseline the browser's response end is compared against. Gzip-accepting, as Chromium is.
 */
async function serverSide(url: string): Promise<{ first: number; end: number }> {
	const runs: Array<{ first: number; end: number }> = [];
	for (let i = 0; i < 5; i++) {
		const start = performance.now();
		const response = await fetch(url + PAGE, { headers: { cookie: COOKIE, 'accept-encoding': 'gzip, deflate, br' } });
		const reader = response.body!.getReader();
		let first = NaN;
		while (!(await reader.read()).done) if (Number.isNaN(first)) first = performance.now() - start;
		runs.push({ first, end: performance.now() - start });
	}
	return { first: median(runs.map((r) => r.first)), end: median(runs.map((r) => r.end)) };
}

const rows: string[] = [];
const notes: string[] = [];
let prerendered: Load | undefined;
for (const [name, stream] of [['streamed', true], ['fetched', false]] as const) {
	const root = buildVariant(name, stream);
	const server = await start(root);
	try {
		// First, as it also warms the server up: cold loads are meant to be a cold browser, not a server still
		// compiling each module on its first request (which made the first loads' islands hundreds of ms late).
		const cpu = await cpuPerView(server.url, server.pid, CHROMIUM_ENCODINGS);
		const cpuIdentity = await cpuPerView(server.url, server.pid, 'identity');
		const sent = await serverSide(server.url);
		const loads: Load[] = [];
		for (let i = 0; i < LOADS; i++) loads.push(await loadIn(server.url, PAGE));
		const names = Object.keys(loads[0].islands).sort();
		const cells = names.map((island) => `${island} ${median(loads.map((l) => l.islands[island] ?? NaN)).toFixed(0)}`);
		const last = loads[loads.length - 1];
		notes.push(`${name}, last load: DOMContentLoaded ${last.dcl.toFixed(0)}, runtime ${last.runtimeEnd == null ? 'inline' : `in at ${last.runtimeEnd.toFixed(0)}`}${last.streamEnd == null ? '' : `, stream.js at ${last.streamEnd.toFixed(0)}`}; subresources ${last.scripts.join(', ')}`);
		rows.push(
			`| ${name} (stream: ${stream}) | ${cells.join(' · ')} | ${median(loads.map((l) => l.responseEnd)).toFixed(0)} | ${sent.first.toFixed(0)} → ${sent.end.toFixed(0)} | ${median(loads.map((l) => l.requests))} | ${(cpu / 1000).toFixed(2)} ms | ${(cpuIdentity / 1000).toFixed(2)} ms |`
		);
		if (stream) prerendered = await loadIn(server.url, '/');
	} finally {
		server.stop();
	}
}

console.log(`\nStreaming: ${PAGE}, Chromium, ${RTT_MS} ms RTT emulated, median of ${LOADS} cold loads (ms from navigation start)\n`);
console.log(
	`| mode | island content at (ms) | response end (ms) | server-side first byte → end (ms, loopback) | island requests | server CPU / page view (${CHROMIUM_ENCODINGS}) | (identity) |`
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
for (const note of notes) console.log(`\n${note}`);
if (prerendered) {
	const p = prerendered;
	console.log(`\nPrerendered /: each island's content minus its response end, and minus the later of that and the runtime's arrival (ms), one cold load at ${RTT_MS} ms RTT`);
	console.log(`  (document end ${p.responseEnd.toFixed(0)}, runtime in at ${p.runtimeEnd?.toFixed(0)}, DOMContentLoaded ${p.dcl.toFixed(0)}; subresources ${p.scripts.join(', ')})`);
	for (const [island, ms] of Object.entries(p.minusResponse)) {
		const both = p.minusBoth[island];
		console.log(`  ${island}: ${ms === null ? 'n/a' : ms.toFixed(1)} (after both: ${both === null ? 'n/a' : both.toFixed(1)})`);
	}
}
