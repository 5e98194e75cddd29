// `pnpm bench:soak`: the hardening fixture's built server under the hardening soak's mixed traffic for 60 s
// after a warm-up, its memory sampled each second and printed as a curve: RSS (/proc) beside the heap, external
// and ArrayBuffer memory the server reports itself (lib/memory-probe.cjs), so a growing JS heap (a leak of
// ours) can be told from resident memory that grows while the heap stays flat (the allocator's).
// See README.md ("Soak") for the figures and the experiments (MALLOC_ARENA_MAX, semi-space size).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { REPO, buildApp, spawnNode, stopChild } from '../tests/helpers/app.js';
import { procAvailable, rssBytes, settle } from './lib/proc.js';
import { KINDS, echoIslandUrl, healthAfterGc, runTraffic, type Kind } from './lib/soak-traffic.js';
import { diffHeapSnapshots } from './lib/heap-diff.js';

const APP = path.join(REPO, 'tests/apps/hardening');
const PROBE = fileURLToPath(new URL('./lib/memory-probe.cjs', import.meta.url));
const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));

const { values: args } = parseArgs({
	args: process.argv.slice(2).filter((arg) => arg !== '--'),
	options: {
		seconds: { type: 'string' },
		warmup: { type: 'string' },
		'warmup-requests': { type: 'string' },
		concurrency: { type: 'string' },
		'max-requests': { type: 'string' },
		/** Extra options for the server's node, e.g. `--node-option=--max-semi-space-size=2` (repeatable). */
		'node-option': { type: 'string', multiple: true },
		/** A heap snapshot after the warm-up and one at the end, and what grew between them. */
		'heap-snapshots': { type: 'boolean' },
		/** `--only=island,endpoint`: just these kinds of request (to see which one a growth comes with). */
		only: { type: 'string' },
		'no-build': { type: 'boolean' }
	}
});

/** A positive whole number from an option, within [1, max]: a typo is an error, not a 0-second soak. */
function bounded(name: string, value: string | undefined, fallback: number, max: number): number {
	if (value === undefined) return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name}=${value}: expected a whole number from 1 to ${max}`);
	return n;
}
const SECONDS = bounded('seconds', args.seconds, 60, 600);
const WARMUP = bounded('warmup', args.warmup, 15, 600);
/**
 * The warm-up also lasts until this many answers: V8 sizes its heap by what is allocated, not by the clock, and on a
 * busy machine 15 s can be a fifth of the usual traffic (the curve then shows the sizing as growth). Capped at
 * WARMUP_CAP seconds, so the run stays bounded.
 */
const WARMUP_REQUESTS = bounded('warmup-requests', args['warmup-requests'], 20_000, 5_000_000);
const WARMUP_CAP = Math.max(WARMUP, 120);
const CONCURRENCY = bounded('concurrency', args.concurrency, 16, 256);
const MAX_REQUESTS = bounded('max-requests', args['max-requests'], 5_000_000, 50_000_000);
const NODE_OPTIONS = args['node-option'] ?? [];
const ONLY = args.only === undefined ? KINDS : args.only.split(',').map((k) => k.trim());
for (const kind of ONLY) if (!(KINDS as readonly string[]).includes(kind)) throw new Error(`--only=${args.only}: "${kind}" is not one of ${KINDS.join(', ')}`);
const kinds = ONLY as readonly Kind[];

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const signed = (bytes: number) => `${bytes >= 0 ? '+' : ''}${mb(bytes)} MB`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface ProbeLine {
	t: number;
	rss: number;
	heapTotal: number;
	heapUsed: number;
	external: number;
	arrayBuffers: number;
	oldSpace: number;
	scavenges: number;
	markSweeps: number;
	pauseMs: number;
}

interface Sample {
	second: number;
	rss: number;
	answered: number;
	probe?: ProbeLine;
}

async function main(): Promise<void> {
	if (!procAvailable()) throw new Error('the soak reads the server\'s RSS from /proc: it runs on Linux only');
	if (!(args['no-build'] && fs.existsSync(path.join(APP, 'build/index.js')))) await buildApp(APP);
	fs.mkdirSync(RESULTS, { recursive: true });
	const probeFile = path.join(RESULTS, 'soak-probe.jsonl');
	const heapDir = path.join(RESULTS, 'soak-heap');
	fs.rmSync(probeFile, { force: true });
	fs.rmSync(heapDir, { recursive: true, force: true });
	const nodeArgs = ['--expose-gc', '--require', PROBE, ...NODE_OPTIONS];
	if (args['heap-snapshots']) nodeArgs.push('--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${heapDir}`);
	fs.mkdirSync(heapDir, { recursive: true });

	console.log(
		`Mochi soak: tests/apps/hardening built, a warm-up of ${WARMUP} s and ${WARMUP_REQUESTS.toLocaleString('en-US')} requests (at most ${WARMUP_CAP} s) + ${SECONDS} s of mixed traffic (${kinds.join(', ')}; ` +
			`a visitor per request), concurrency ${CONCURRENCY}, at most ${MAX_REQUESTS.toLocaleString('en-US')} requests; node ${process.version}` +
			`${NODE_OPTIONS.length ? `, server node options ${NODE_OPTIONS.join(' ')}` : ''}${process.env.MALLOC_ARENA_MAX ? `, MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX}` : ''}`
	);
	const { child, output } = spawnNode(APP, [...nodeArgs, 'build'], { MOCHI_MEMORY_PROBE: probeFile });
	try {
		const base = await listening(output, child);
		const pid = child.pid!;
		const echo = await echoIslandUrl(base);
		const rssAtStart = rssBytes(pid);

		const warmupStart = Date.now();
		const warmed = { answered: 0 };
		const warm = await runTraffic({
			base,
			echo,
			kinds,
			concurrency: CONCURRENCY,
			maxRequests: MAX_REQUESTS,
			progress: warmed,
			until: () => {
				const elapsed = Date.now() - warmupStart;
				return elapsed >= WARMUP_CAP * 1000 || (elapsed >= WARMUP * 1000 && warmed.answered >= WARMUP_REQUESTS);
			}
		});
		const warmupSeconds = (Date.now() - warmupStart) / 1000;
		if (warm.failures.length) throw new Error(`warm-up failures:\n${warm.failures.join('\n')}`);
		await settle(pid);
		const before = await healthAfterGc(base);
		const snapshotBefore = args['heap-snapshots'] ? await snapshot(pid, heapDir, 0) : undefined;

		const progress = { answered: 0 };
		const samples: Sample[] = [];
		const started = Date.now();
		const end = started + SECONDS * 1000;
		const probeLines = () => readProbe(probeFile);
		const sampler = setInterval(() => {
			const lines = probeLines();
			samples.push({ second: Math.round((Date.now() - started) / 1000), rss: rssBytes(pid), answered: progress.answered, probe: lines[lines.length - 1] });
		}, 1000);
		const traffic = await runTraffic({
			base,
			echo,
			kinds,
			concurrency: CONCURRENCY,
			maxRequests: MAX_REQUESTS,
			until: () => Date.now() >= end,
			firstIndex: warm.requests,
			progress
		}).finally(() => clearInterval(sampler));
		const elapsed = (Date.now() - started) / 1000;
		await settle(pid);
		const rssSettled = rssBytes(pid);
		const after = await healthAfterGc(base);
		const snapshotAfter = args['heap-snapshots'] ? await snapshot(pid, heapDir, 1) : undefined;

		printCurve(samples);
		const first = samples[0];
		const last = samples[samples.length - 1];
		console.log(
			`\n${traffic.requests.toLocaleString('en-US')} requests in ${elapsed.toFixed(1)} s (${Math.round(traffic.requests / elapsed)}/s), ` +
				`${traffic.failures.length} failures; warm-up ${warm.requests.toLocaleString('en-US')} requests in ${warmupSeconds.toFixed(1)} s` +
				`${warmed.answered < WARMUP_REQUESTS ? ` (fewer than ${WARMUP_REQUESTS.toLocaleString('en-US')}: stopped at the ${WARMUP_CAP} s cap, the heap may still be sizing)` : ''}`
		);
		// RSS saws up and down with each mark-compact (promoted garbage piles up in old space between them). What stays
		// is the troughs: a leak lifts them, so they are what the target is about. The peaks rise and fall with the
		// request rate (a busy machine can halve it for seconds), so they are shown with it, not judged.
		const window = Math.min(10, Math.floor(samples.length / 2));
		const head = samples.slice(0, window);
		const tail = samples.slice(-window);
		const low = (list: Sample[]) => Math.min(...list.map((s) => s.rss));
		const high = (list: Sample[]) => Math.max(...list.map((s) => s.rss));
		const rate = (list: Sample[]) => Math.round((list[list.length - 1].answered - (samples[samples.indexOf(list[0]) - 1]?.answered ?? 0)) / list.length);
		const troughGrowth = low(tail) - low(head);
		const peakGrowth = high(tail) - high(head);
		const pass = troughGrowth <= 20 * 2 ** 20;
		console.log(`RSS: ${mb(rssAtStart)} MB at start, ${mb(first.rss)} MB 1 s after the warm-up, ${mb(last.rss)} MB at the end (${signed(last.rss - first.rss)}); settled after the load ${mb(rssSettled)} MB`);
		console.log(
			`RSS over the first ${window} s → the last ${window} s: troughs ${mb(low(head))} → ${mb(low(tail))} MB (${signed(troughGrowth)}; target ≤ +20 MB) ${pass ? 'ok' : 'MISS'}; ` +
				`peaks ${mb(high(head))} → ${mb(high(tail))} MB (${signed(peakGrowth)}) at ${rate(head)} → ${rate(tail)} req/s`
		);
		if (first.probe && last.probe) {
			for (const key of ['heapUsed', 'heapTotal', 'external', 'arrayBuffers'] as const) {
				console.log(`${key}: ${mb(first.probe[key])} → ${mb(last.probe[key])} MB (${signed(last.probe[key] - first.probe[key])})`);
			}
		}
		console.log(`promoted to old space: ~${Math.round(promotedPerRequest(samples))} B per request (its rise over seconds without a full GC)`);
		console.log(`heapUsed after a forced GC: ${mb(before.heapUsed)} MB after warm-up → ${mb(after.heapUsed)} MB at the end (${signed(after.heapUsed - before.heapUsed)})`);
		if (traffic.failures.length) console.log(`failures:\n${traffic.failures.join('\n')}`);
		if (snapshotBefore && snapshotAfter) {
			console.log(`\nHeap snapshots ${path.relative(process.cwd(), snapshotBefore)} → ${path.relative(process.cwd(), snapshotAfter)}: what grew (self size, by constructor)`);
			console.log(diffHeapSnapshots(snapshotBefore, snapshotAfter, 15));
		}
		const json = { date: new Date().toISOString(), seconds: SECONDS, warmup: WARMUP, warmupRequests: warm.requests, warmupSeconds, concurrency: CONCURRENCY, kinds, nodeOptions: NODE_OPTIONS, mallocArenaMax: process.env.MALLOC_ARENA_MAX ?? null, requests: traffic.requests, failures: traffic.failures, rssAtStart, troughGrowth, peakGrowth, pass, rssSettled, gcBefore: before, gcAfter: after, samples };
		fs.writeFileSync(path.join(RESULTS, 'soak.json'), JSON.stringify(json, null, '\t') + '\n');
		if (traffic.failures.length) process.exitCode = 1;
	} finally {
		await stopChild(child);
	}
}

function printCurve(samples: Sample[]): void {
	console.log('\n   s    RSS MB  heapUsed  heapTotal  external  arrayBuf   req/s  scav  m-s  gc ms');
	let previous = 0;
	for (const s of samples) {
		const p = s.probe;
		const cells = p ? [mb(p.heapUsed), mb(p.heapTotal), mb(p.external), mb(p.arrayBuffers)] : ['—', '—', '—', '—'];
		const gc = p ? [String(p.scavenges), String(p.markSweeps), p.pauseMs.toFixed(0)] : ['—', '—', '—'];
		console.log(
			[String(s.second).padStart(4), mb(s.rss).padStart(9), ...cells.map((c, i) => c.padStart(i === 1 ? 10 : 9)), String(s.answered - previous).padStart(7), ...gc.map((g, i) => g.padStart(i === 2 ? 6 : 5))].join(' ')
		);
		previous = s.answered;
	}
}

/** Old space's rise over the seconds without a full GC, per request answered in them. */
function promotedPerRequest(samples: Sample[]): number {
	let bytes = 0;
	let requests = 0;
	for (let i = 1; i < samples.length; i++) {
		const [a, b] = [samples[i - 1], samples[i]];
		if (!a.probe || !b.probe || b.probe.markSweeps > 0 || b.probe === a.probe) continue;
		bytes += b.probe.oldSpace - a.probe.oldSpace;
		requests += b.answered - a.answered;
	}
	return requests ? bytes / requests : NaN;
}

function readProbe(file: string): ProbeLine[] {
	if (!fs.existsSync(file)) return [];
	return fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as ProbeLine);
}

/** SIGUSR2 (node --heapsnapshot-signal) and the file it wrote, once its size stops changing. */
async function snapshot(pid: number, dir: string, index: number): Promise<string> {
	const known = new Set(fs.readdirSync(dir));
	process.kill(pid, 'SIGUSR2');
	for (let waited = 0; waited < 120_000; waited += 250) {
		await sleep(250);
		const file = fs.readdirSync(dir).find((f) => f.endsWith('.heapsnapshot') && !known.has(f));
		if (file && (await settle(pid, 1000, 60_000))) {
			const target = path.join(dir, `${index === 0 ? 'before' : 'after'}.heapsnapshot`);
			fs.renameSync(path.join(dir, file), target);
			return target;
		}
	}
	throw new Error(`no heap snapshot appeared in ${dir} within 120 s`);
}

async function listening(output: () => string, child: ReturnType<typeof spawnNode>['child']): Promise<string> {
	for (let waited = 0; waited < 30_000; waited += 50) {
		const url = output().match(/Listening on (http:\/\/[^\s]+)/)?.[1];
		if (url) return url;
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
		await sleep(50);
	}
	throw new Error(`server did not start within 30 s:\n${output()}`);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
