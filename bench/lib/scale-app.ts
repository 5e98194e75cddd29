// The scale bench's app: N prerendered pages of one dynamic route (`p/[n].svelte` and its `entries()`), each
// with two server islands and a few KB of text, written to bench/.app/scale-N and built there with `mochi build` (timed). Deterministic: the same N gives the
// same pages, so runs before and after a change build the same bytes.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { REPO } from '../../tests/helpers/app.js';
import { withoutAnsi } from '../../tests/helpers/output.js';
import { linkDependencies } from './servers.js';

const run = promisify(execFile);
const BENCH = fileURLToPath(new URL('..', import.meta.url));
const CLI = path.join(REPO, 'packages/mochi/bin/mochi.js');

export function scaleAppRoot(pages: number): string {
	return path.join(BENCH, `.app/scale-${pages}`);
}

/** The URL of page `i` (0-based): `/p/00042`. */
export function pagePath(i: number): string {
	return `/p/${String(i).padStart(5, '0')}`;
}

const ISLANDS: Record<string, string> = {
	'src/lib/Stock.svelte': `<script lang="ts">\n\tlet { sku }: { sku: string } = $props();\n</script>\n\n<p class="stock">{sku}: in stock</p>\n`,
	'src/lib/Viewer.svelte': `<script lang="ts">\n\tlet { page, topic }: { page: number; topic: string } = $props();\n</script>\n\n<p class="viewer">Page {page} on {topic}, read by you</p>\n`
};

/** Writes the app (replacing any earlier one) and returns its root. */
export function writeScaleApp(pages: number): string {
	const root = scaleAppRoot(pages);
	fs.rmSync(root, { recursive: true, force: true });
	const demo = path.join(REPO, 'sites/demo');
	const files: Record<string, string> = {
		'package.json': JSON.stringify({ name: `mochi-bench-scale-${pages}`, private: true, type: 'module' }, null, '\t'),
		'vite.config.ts': fs.readFileSync(path.join(demo, 'vite.config.ts'), 'utf8'),
		'src/app.html': fs.readFileSync(path.join(demo, 'src/app.html'), 'utf8'),
		'src/routes/index.svelte': `<script module lang="ts">\n\texport const prerender = true;\n</script>\n\n<h1>${pages} pages</h1>\n`,
		'src/routes/p/[n].svelte': PAGE,
		'src/lib/words.ts': wordsModule(pages),
		...ISLANDS
	};
	for (const [file, text] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
		fs.writeFileSync(path.join(root, file), text);
	}
	linkDependencies(path.join(demo, 'node_modules'), path.join(root, 'node_modules'));
	fs.writeFileSync(path.join(root, '.bench-key'), randomBytes(32).toString('base64url'));
	return root;
}

/**
 * The MOCHI_KEY this app is built with: random, made with the app and kept beside it (bench/.app is ignored
 * by git), so that `--no-build` can still start a server with the build's key.
 */
export function keyOf(root: string): string {
	return fs.readFileSync(path.join(root, '.bench-key'), 'utf8');
}

/** `mochi build` with the app's key; seconds of wall time. */
export async function buildScaleApp(root: string): Promise<{ seconds: number; output: string }> {
	const started = process.hrtime.bigint();
	const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', MOCHI_KEY: keyOf(root) };
	delete env.NODE_OPTIONS;
	const { stdout, stderr } = await run(process.execPath, [CLI, 'build'], { cwd: root, env, timeout: 60 * 60_000, maxBuffer: 256 * 2 ** 20 });
	return { seconds: Number(process.hrtime.bigint() - started) / 1e9, output: withoutAnsi(stdout + stderr) };
}

/**
 * The app's one dynamic page: `entries()` lists the N params, and each page's text is made from its number
 * at render time (src/lib/words.ts), so the build scans one route, as a real site of N pages has, not N files.
 */
const PAGE = `<script module lang="ts">
	import { PAGES, pageName, pageText } from '$lib/words.js';

	export const prerender = true;
	export function entries() {
		return Array.from({ length: PAGES }, (_, i) => ({ n: pageName(i) }));
	}
</script>

<script lang="ts">
	import { error } from 'mochi-framework';
	import Stock from '$lib/Stock.svelte';
	import Viewer from '$lib/Viewer.svelte';

	let { params }: { params: { n: string } } = $props();
	const i = /^\\d{5}$/.test(params.n) ? Number(params.n) : -1;
	if (i < 0 || i >= PAGES) error(404, 'No such page.');
	const { topic, paragraphs } = pageText(i);
</script>

<svelte:head><title>Page {i} · {topic}</title></svelte:head>

<h1>Page {i}: {topic}</h1>
<Viewer mochi:defer page={i} {topic}><p>Loading…</p></Viewer>
{#each paragraphs as text}<p>{text}</p>{/each}
<Stock mochi:defer sku="sku-{i}"><p>Checking stock…</p></Stock>
<p><a href="/p/{pageName((i + 1) % PAGES)}">Next</a></p>
`;

/** About 3 KB of words per page, from a seeded generator: every page differs, compressing as prose does. */
function wordsModule(pages: number): string {
	return `// Written by bench/lib/scale-app.ts.
export const PAGES = ${pages};

/** Page i's param: 00042. */
export function pageName(i: number): string {
	return String(i).padStart(5, '0');
}

/** Words of two or three syllables (13,824 of them): text that compresses about as well as prose, not as a list of a few words repeated. */
const SYLLABLES = 'ma chi ko zu ki sa yu ho gen ra da fu wa te ri no bo se to ne mi ka ru shi'.split(' ');
const SPACES = [' ', ' ', ' ', ' ', ' ', ', ', '. '];

export function pageText(i: number): { topic: string; paragraphs: string[] } {
	let seed = Math.imul(i + 1, 2654435761) >>> 0;
	// The high bits: a power-of-two LCG's low bits repeat with short periods.
	const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), seed >>> 16);
	const word = () => {
		let text = '';
		for (let s = 2 + (next() % 2); s > 0; s--) text += SYLLABLES[next() % SYLLABLES.length];
		return text;
	};
	const paragraphs: string[] = [];
	for (let p = 0; p < 6; p++) {
		let text = '';
		for (let w = 0; w < 80; w++) text += word() + SPACES[next() % SPACES.length];
		paragraphs.push(text.trim());
	}
	return { topic: word(), paragraphs };
}
`;
}
