// `pnpm bench`: the demo's production server under load next to bare node:http floors, in one run.
// See README.md for what each figure means and what the hot path costs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { tokenOf } from '../tests/helpers/app.js';
import { parseKey } from '../packages/mochi/dist/runtime/server/islands/key.js';
import { signToken } from '../packages/mochi/dist/runtime/server/islands/token.js';
import { BENCH_KEY, buildDemoCopy, demoCopyRoot, startFloor, startMochi, type Server } from './lib/servers.js';
import { runLoad } from './lib/load.js';
import { cpuTime, procAvailable, rssBytes, settle } from './lib/proc.js';
import { get } from './lib/http.js';
import { measurePages } from './lib/bytes.js';
import { chromiumPath, measureInBrowser } from './lib/browser.js';
import { summarizeProfile } from './lib/profile.js';
import { browserTable, bytesTable, profileTable, scenarioTable, type Measured, type ScenarioResult } from './lib/report.js';

const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));
const { values: args } = parseArgs({
	// `pnpm bench -- --hook` hands the script a literal `--`: drop it, so both spellings work.
	args: process.argv.slice(2).filter((arg) => arg !== '--'),
	options: {
		short: { type: 'boolean' },
		warmup: { type: 'string' },
		seconds: { type: 'string' },
		connections: { type: 'string' },
		profile: { type: 'string' },
		'no-browser': { type: 'boolean' },
		'no-build': { type: 'boolean' },
		hook: { type: 'boolean' },
		only: { type: 'string' },
		// `--scale`: scale.ts runs instead and reads its own options (`--pages`, `--framework`), listed here to pass.
		scale: { type: 'boolean' },
		pages: { type: 'string' },
		framework: { type: 'string' }
	}
});
const WARMUP = Number(args.warmup ?? (args.short ? 1 : 3));
const SECONDS = Number(args.seconds ?? (args.short ? 2 : 10));
const CONNECTIONS = Number(args.connections ?? 50);
const PROFILE = args.profile === undefined ? [] : args.profile.split(',').map((s) => s.trim()).filter(Boolean);
/** `--hook`: the demo with a trivial src/hooks.server.ts (`handle = (ctx, resolve) => resolve()`). */
const HOOK = args.hook ?? false;
/** `--only=island,page`: just these scenarios (ids as in the table). */
const ONLY = args.only === undefined ? null : new Set(args.only.split(',').map((s) => s.trim()).filter(Boolean));

/** What a browser says it accepts: the shell scenarios send it (the other responses are not compressed). */
const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };
/** The visitor every request comes from: signed in, two items in the cart. */
const COOKIES = { demo_user: 'Ada', demo_cart: 'matcha,kinako' };
const COOKIE = Object.entries(COOKIES).map(([k, v]) => `${k}=${v}`).join('; ');
const PAGES = ['/', '/about', '/cart', '/products/matcha', '/island-failure'];

interface Scenario {
	id: string;
	label: string;
	path: string;
	headers: Record<string, string>;
	/** The body must contain this, so a fast error page can never pass for a fast page. */
	expect: string;
	floorPath?: string;
	/** The same request to floor-bare (render() alone: no AsyncLocalStorage, no cookies). */
	barePath?: string;
	/** Targets: the ratio to the floor, and to floor-bare. */
	target?: number;
	bareTarget?: number;
	/** The status every response must have (200 unless said). */
	status?: number;
}

/**
 * A token as a page rendered for one visitor would carry it: signed with the server's key, but not one the
 * server signed at start for a prerendered page, so it is verified in full (HMAC) on every request. Avatar
 * ignores the extra prop, so it renders exactly what (b) and the floor render.
 */
const visitorToken = () => signToken(parseKey(BENCH_KEY), 'Avatar', 'plain', '[{"visitor":1},"bench"]');

function scenarios(base: string, avatarToken: string, shellEtag: string): Scenario[] {
	return [
		{ id: 'shell', label: '(a) prerendered shell', path: '/', headers: BROWSER, expect: '', floorPath: '/shell', target: 1.5 },
		{
			id: 'shell-304',
			label: "(a') shell revalidated",
			path: '/',
			headers: { ...BROWSER, 'if-none-match': shellEtag },
			expect: '',
			status: 304,
			floorPath: '/shell'
		},
		{
			id: 'island',
			label: '(b) server island',
			path: `/_mochi/island/Avatar?p=${avatarToken}`,
			headers: { cookie: COOKIE, referer: `${base}/` },
			expect: 'Hi, Ada',
			floorPath: '/island',
			barePath: '/island',
			target: 3
		},
		{
			id: 'island-verified',
			label: "(b') island, visitor's token",
			path: `/_mochi/island/Avatar?p=${visitorToken()}`,
			headers: { cookie: COOKIE, referer: `${base}/` },
			expect: 'Hi, Ada',
			floorPath: '/island',
			barePath: '/island',
			target: 1.3,
			bareTarget: 2
		},
		{
			id: 'page',
			label: '(c) on-demand page',
			path: '/cart',
			headers: { cookie: COOKIE },
			expect: 'Ada&#39;s cart|Ada\'s cart',
			floorPath: '/page',
			barePath: '/page',
			target: 1.3,
			bareTarget: 2
		},
		{ id: 'hydrated', label: '(d) hydrated-island page', path: '/products/matcha', headers: { cookie: COOKIE }, expect: 'component=', floorPath: '/hydrated', target: 1.5 }
	];
}

const log = (line = '') => console.log(line);
const micros = () => Number(process.hrtime.bigint() / 1000n);

async function main(): Promise<void> {
	if (!procAvailable()) throw new Error('the bench reads server CPU time from /proc: it runs on Linux only');
	const started = new Date();
	const loadBefore = os.loadavg();
	log(`Mochi bench (${args.short ? 'short' : 'full'}${HOOK ? ', with a hook' : ''}): ${WARMUP} s warm-up + ${SECONDS} s per scenario, ${CONNECTIONS} connections, autocannon in its own process`);
	log(`Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);

	const copy = demoCopyRoot({ hook: HOOK });
	const root = args['no-build'] && fs.existsSync(path.join(copy, 'build/index.js')) ? copy : await buildDemoCopy(log, { hook: HOOK });
	if (HOOK) log('with a trivial hook: src/hooks.server.ts exports handle = (ctx, resolve) => resolve()');
	const build = path.join(root, 'build');

	const mochi = await startMochi(root);
	const floorConfig = {
		build,
		island: 'Avatar',
		islandProps: {},
		page: '/cart',
		hydrated: { route: '/products/[slug]', params: { slug: 'matcha' } },
		visitor: { name: COOKIES.demo_user, cart: COOKIES.demo_cart.split(',') },
		shell: await saveShell(mochi.url, root)
	};
	const floors = await Promise.all([startFloor(floorConfig), startFloor({ ...floorConfig, bare: true })]).catch(async (error) => {
		await mochi.stop();
		throw error;
	});
	const [floor, bare] = floors;
	const results: ScenarioResult[] = [];
	const rss = { mochiStart: rssBytes(mochi.pid), mochiPrimed: 0, floorPrimed: 0, mochiEnd: 0, floorEnd: 0 };
	const checks: Record<string, unknown> = {};
	let pages, browser;
	try {
		const shell = await get(`${mochi.url}/`, BROWSER);
		const list = scenarios(mochi.url, tokenOf((await get(`${mochi.url}/`)).body.toString('utf8'), 'Avatar'), String(shell.headers.etag)).filter(
			(s) => !ONLY || ONLY.has(s.id)
		);
		if (list.length === 0) throw new Error(`--only=${args.only}: no such scenario (shell, shell-304, island, island-verified, page, hydrated)`);
		checks.shell = await checkShell(mochi.url);
		checks.responses = await checkResponses(list, mochi, floor, bare);
		// Load every route's modules before anything is measured (RSS included).
		for (const s of list) for (let i = 0; i < 20; i++) await get(mochi.url + s.path, s.headers);
		// Then warm every path up under the full load once. RSS growth is meant to reveal a leak under
		// steady load; taken after the first scenario's warm-up only, it would count each later path's
		// first JIT and heap sizing as growth (the bare floor server "grows" 30+ MB that way too).
		for (const s of list) {
			await runLoad({ url: mochi.url + s.path, connections: CONNECTIONS, seconds: WARMUP, headers: s.headers });
			if (s.floorPath) await runLoad({ url: floor.url + s.floorPath, connections: CONNECTIONS, seconds: WARMUP, headers: s.headers });
			if (s.barePath) await runLoad({ url: bare.url + s.barePath, connections: CONNECTIONS, seconds: WARMUP, headers: s.headers });
		}
		await settle(mochi.pid);
		rss.mochiPrimed = rssBytes(mochi.pid);
		rss.floorPrimed = rssBytes(floor.pid);

		for (const s of list) {
			log(`\n${s.label}: GET ${shorten(s.path)}`);
			const m = await measure('mochi', mochi, s);
			const f = s.floorPath ? await measure('floor', floor, { ...s, path: s.floorPath }) : undefined;
			const b = s.barePath ? await measure('floor-bare', bare, { ...s, path: s.barePath }) : undefined;
			const ratio = f ? m.cpuMicrosPerRequest / f.cpuMicrosPerRequest : undefined;
			const bareRatio = b ? m.cpuMicrosPerRequest / b.cpuMicrosPerRequest : undefined;
			const passes = [
				ratio === undefined || s.target === undefined ? undefined : ratio <= s.target,
				bareRatio === undefined || s.bareTarget === undefined ? undefined : bareRatio <= s.bareTarget
			].filter((p) => p !== undefined);
			results.push({
				id: s.id,
				label: s.label,
				request: `GET ${shorten(s.path)}`,
				mochi: m,
				floor: f && { ...f, request: `GET ${s.floorPath}` },
				bare: b && { ...b, request: `GET ${s.barePath}` },
				ratio,
				bareRatio,
				target: s.target,
				bareTarget: s.bareTarget,
				pass: passes.length === 0 ? undefined : passes.every(Boolean)
			});
		}
		rss.mochiEnd = rssBytes(mochi.pid);
		rss.floorEnd = rssBytes(floor.pid);

	} finally {
		await Promise.all([mochi.stop(), floor.stop(), bare.stop()]);
	}
	// Bytes and Chromium: the demo as a visitor gets it, streaming on (the scenarios above ran without it).
	const streamedCopy = demoCopyRoot({ hook: HOOK, stream: true });
	const streamedRoot =
		args['no-build'] && fs.existsSync(path.join(streamedCopy, 'build/index.js')) ? streamedCopy : await buildDemoCopy(log, { hook: HOOK, stream: true });
	const visited = await startMochi(streamedRoot);
	try {
		pages = await measurePages(visited.url, PAGES, { cookie: COOKIE });
		if (args['no-browser']) log('\nChromium: skipped (--no-browser)');
		else if (!chromiumPath()) log('\nChromium: not found at /usr/bin/chromium (set CHROMIUM_PATH): skipped');
		else browser = await measureInBrowser(visited.url, ['/', '/products/matcha'], COOKIES);
	} finally {
		await visited.stop();
	}

	const profiles = [];
	for (const id of PROFILE) profiles.push(await profile(root, id));

	const loadAfter = os.loadavg();
	// "After warm-up": once every scenario has been warmed up under load (see above).
	const afterWarmup = rss.mochiPrimed;
	const rssGrowth = rss.mochiEnd - afterWarmup;
	const floorGrowth = rss.floorEnd - rss.floorPrimed;
	log('\n' + scenarioTable(results));
	log(
		`\nRSS of the Mochi server: ${mb(afterWarmup)} after warm-up, ${mb(rss.mochiEnd)} after the run (${signed(rssGrowth)}; target ≤ +30 MB) ` +
			`${rssGrowth <= 30 * 2 ** 20 ? 'ok' : 'MISS'}; per scenario after warm-up → peak: ` +
			results.map((r) => `${r.id} ${mb(r.mochi.rss.afterWarmup)} → ${mb(r.mochi.rss.peak)}`).join(', ')
	);
	log(`RSS of the floor server over the same scenarios: ${signed(floorGrowth)} (${mb(rss.floorEnd)} at the end)`);
	log(`Shell per Accept-Encoding (bytes, Content-Encoding, If-None-Match → status): ${Object.entries(checks.shell as Record<string, { bytes: number; contentEncoding: string | null; ifNoneMatch: number | null }>)
		.map(([encoding, c]) => `${encoding}: ${c.bytes} B, ${c.contentEncoding ?? 'identity'}, ${c.ifNoneMatch}`)
		.join('; ')}`);
	log(`Load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${loadAfter.map((l) => l.toFixed(2)).join(' ')} after (${os.cpus().length} CPUs): on a busy machine, trust the ratios more than the absolute figures.`);
	if (pages) {
		log('\nBytes per page (HTML gz: gzip -9 of the page; HTML sent: what the server sends to "br, gzip"; JS gz / br: as sent for that Accept-Encoding)\n' + bytesTable(pages));
		log(bytesChecks(pages).join('\n'));
	}
	if (browser) log('\nChromium, one cold load per page (ms from navigation start)\n' + browserTable(browser));
	for (const p of profiles) {
		log(
			`\nProfile of ${p.scenario} (${p.file}): ${p.summary.samples} samples over ${p.requests} requests, ` +
				`${p.userPerRequest.toFixed(0)} µs user + ${p.systemPerRequest.toFixed(0)} µs sys CPU/req with the profiler on. ` +
				`${(p.summary.syscallShare * 100).toFixed(0)}% of the samples were in the socket write (kernel time, mostly time spent preempted: see README) and are left out; ` +
				`µs/req = share of the other samples × user CPU/req\n` +
				profileTable(p.summary, p.userPerRequest)
		);
	}

	fs.mkdirSync(RESULTS, { recursive: true });
	const json = {
		date: started.toISOString(),
		mode: args.short ? 'short' : 'full',
		hook: HOOK,
		node: process.version,
		cpus: os.cpus().length,
		loadAverage: { before: loadBefore, after: loadAfter },
		settings: { warmupSeconds: WARMUP, seconds: SECONDS, connections: CONNECTIONS },
		scenarios: results,
		rss: { ...rss, mochiAfterWarmup: afterWarmup, growth: rssGrowth, floorGrowth, targetGrowth: 30 * 2 ** 20, pass: rssGrowth <= 30 * 2 ** 20 },
		checks,
		bytes: pages,
		browser,
		profiles: profiles.map(({ summary, ...rest }) => ({ ...rest, summary }))
	};
	const resultFile = path.join(RESULTS, HOOK ? 'latest-hook.json' : 'latest.json');
	fs.writeFileSync(resultFile, JSON.stringify(json, null, '\t') + '\n');
	log(`\nWrote ${path.relative(process.cwd(), resultFile)}. Timings are reported, never enforced: this exits 0 whatever they are.`);
}

/** Warm up, let the server go quiet, then count its CPU time over the measured window. */
async function measure(name: string, server: Server, s: Scenario): Promise<Measured> {
	const url = server.url + s.path;
	await settle(server.pid);
	await runLoad({ url, connections: CONNECTIONS, seconds: WARMUP, headers: s.headers });
	await settle(server.pid);
	const afterWarmup = rssBytes(server.pid);
	let peak = afterWarmup;
	const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(server.pid))), 250);
	const before = cpuTime(server.pid);
	const load = await runLoad({ url, connections: CONNECTIONS, seconds: SECONDS, headers: s.headers }).finally(() => clearInterval(sampler));
	const after = cpuTime(server.pid);
	const user = after.user - before.user;
	const system = after.system - before.system;
	const end = rssBytes(server.pid);
	const expected = load.statuses[String(s.status ?? 200)] ?? 0;
	const m = {
		requestsPerSecond: load.requests / SECONDS,
		p50: load.p50,
		p99: load.p99,
		cpuMicrosPerRequest: (user + system) / load.requests,
		userMicrosPerRequest: user / load.requests,
		systemMicrosPerRequest: system / load.requests,
		requests: load.requests,
		unexpected: load.requests - expected + load.errors + load.timeouts,
		rss: { afterWarmup, peak: Math.max(peak, end), end }
	};
	log(`  ${name}: ${Math.round(m.requestsPerSecond)} req/s, ${m.cpuMicrosPerRequest.toFixed(0)} µs CPU/req, p50 ${m.p50.toFixed(2)} ms, RSS ${mb(end)}`);
	return m;
}

/** One request of each scenario to both servers: right status, right content, and how the bodies compare. */
async function checkResponses(list: Scenario[], mochi: Server, floor: Server, bare: Server) {
	const out: Record<string, { mochiBytes: number; floorBytes?: number; bareBytes?: number }> = {};
	for (const s of list) {
		const m = await get(mochi.url + s.path, s.headers);
		const body = m.body.toString('utf8');
		if (m.status !== (s.status ?? 200) || !s.expect.split('|').some((e) => body.includes(e))) {
			throw new Error(`${s.label}: GET ${s.path} answered ${m.status} without "${s.expect}":\n${body.slice(0, 500)}`);
		}
		out[s.id] = { mochiBytes: m.body.length };
		if (s.floorPath) {
			const f = await get(floor.url + s.floorPath, s.headers);
			if (f.status !== (s.status ?? 200)) throw new Error(`floor ${s.floorPath}: ${f.status}\n${f.body.toString('utf8').slice(0, 500)}`);
			out[s.id].floorBytes = f.body.length;
		}
		if (s.barePath) {
			const b = await get(bare.url + s.barePath, s.headers);
			const text = b.body.toString('utf8');
			// The constant store must give the components the same visitor, or floor-bare renders another page.
			if (b.status !== 200 || !s.expect.split('|').some((e) => text.includes(e))) throw new Error(`floor-bare ${s.barePath}: ${b.status} without "${s.expect}"\n${text.slice(0, 500)}`);
			out[s.id].bareBytes = b.body.length;
		}
	}
	return out;
}

/** The shell's ETag and 304, and what it sends for each Accept-Encoding. */
async function checkShell(base: string) {
	const out: Record<string, unknown> = {};
	for (const encoding of ['identity', 'gzip', 'br']) {
		const response = await get(`${base}/`, encoding === 'identity' ? {} : { 'accept-encoding': encoding });
		const etag = response.headers.etag;
		const revalidated = etag ? await get(`${base}/`, { 'accept-encoding': encoding, 'if-none-match': etag }) : undefined;
		out[encoding] = { bytes: response.body.length, contentEncoding: response.headers['content-encoding'] ?? null, etag: etag ?? null, ifNoneMatch: revalidated?.status ?? null };
	}
	return out;
}

/** The shell exactly as Mochi serves it, plain and brotli, for the floor to send the same bytes. */
async function saveShell(base: string, root: string) {
	const variants = {} as Record<'identity' | 'br', { file: string; headers: Record<string, string> }>;
	for (const encoding of ['identity', 'br'] as const) {
		const response = await get(`${base}/`, encoding === 'br' ? BROWSER : {});
		const file = path.join(root, `shell.${encoding}`);
		fs.writeFileSync(file, response.body);
		const names = ['content-type', 'cache-control', 'etag', 'vary', 'content-encoding'].filter((h) => response.headers[h] !== undefined);
		variants[encoding] = { file, headers: Object.fromEntries(names.map((h) => [h, String(response.headers[h])])) };
	}
	return variants;
}

function bytesChecks(pages: NonNullable<Awaited<ReturnType<typeof measurePages>>>): string[] {
	const lines: string[] = [];
	const home = pages.find((p) => p.page === '/');
	const runtime = home?.js.find((f) => /\/runtime-[^/]+\.js$/.test(f.path));
	if (runtime) {
		const onlyServerIslands = pages.filter((p) => p.js.length === 1 && p.js[0].path === runtime.path).map((p) => p.page);
		lines.push(
			`Island runtime ${runtime.path.split('/').pop()}: ${runtime.raw} B raw, ${runtime.gzip} B gzip, ${runtime.brotli} B br (target ≤ 1,024 B gzip) ${runtime.gzip <= 1024 ? 'ok' : 'MISS'}; ` +
				`the only JS of ${onlyServerIslands.join(', ')}, whatever their number of islands`
		);
	}
	const all = new Map(pages.flatMap((p) => p.js.map((f) => [f.path, f] as const)));
	const compressed = [...all.values()].filter((f) => f.gzipEncoding === 'gzip' && f.brotliEncoding === 'br');
	const plain = [...all.values()].filter((f) => !compressed.includes(f)).map((f) => `${f.path.split('/').pop()} (${f.raw} B)`);
	lines.push(`Content-Encoding: ${compressed.length} of ${all.size} JS files sent as br / gzip to clients that ask${plain.length ? `; as is: ${plain.join(', ')}` : ''}`);
	const byEncoding = (encoding: string) => pages.filter((p) => p.html.served === encoding).map((p) => p.page);
	lines.push(`HTML to accept-encoding "br, gzip": br for ${byEncoding('br').join(', ') || 'none'}; plain for ${byEncoding('identity').join(', ') || 'none'}`);
	return lines;
}

/** The scenario again, on a server started with --cpu-prof; the summary covers the measured window only. */
async function profile(root: string, id: string) {
	const dir = path.join(RESULTS, `profile-${id}`);
	fs.rmSync(dir, { recursive: true, force: true });
	const server = await startMochi(root, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
	let window: { from: number; to: number };
	let requests: number;
	let userPerRequest: number;
	let systemPerRequest: number;
	try {
		const etag = String((await get(`${server.url}/`, BROWSER)).headers.etag);
		const s = scenarios(server.url, tokenOf((await get(`${server.url}/`)).body.toString('utf8'), 'Avatar'), etag).find((x) => x.id === id);
		if (!s) throw new Error(`--profile: no scenario "${id}" (shell, shell-304, island, page, hydrated)`);
		log(`\nProfiling ${s.label} (node --cpu-prof)`);
		await runLoad({ url: server.url + s.path, connections: CONNECTIONS, seconds: WARMUP, headers: s.headers });
		await settle(server.pid);
		const from = micros();
		const cpu = cpuTime(server.pid);
		const load = await runLoad({ url: server.url + s.path, connections: CONNECTIONS, seconds: SECONDS, headers: s.headers });
		const after = cpuTime(server.pid);
		userPerRequest = (after.user - cpu.user) / load.requests;
		systemPerRequest = (after.system - cpu.system) / load.requests;
		window = { from, to: micros() };
		requests = load.requests;
	} finally {
		await server.stop();
	}
	const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
	if (!file) throw new Error(`no .cpuprofile written in ${dir}`);
	return { scenario: id, requests, userPerRequest, systemPerRequest, file: path.relative(process.cwd(), path.join(dir, file)), summary: summarizeProfile(path.join(dir, file), window) };
}

function shorten(p: string): string {
	return p.replace(/\?p=[^&]+/, '?p=…');
}

function signed(bytes: number): string {
	return `${bytes >= 0 ? '+' : ''}${mb(bytes)}`;
}

function mb(bytes: number): string {
	return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}

// `--scale` is its own run (scale.ts): the scale app, not the demo.
if (args.scale) await import('./scale.js');
else
	main().catch((error) => {
		console.error(error);
		process.exitCode = 1;
	});
