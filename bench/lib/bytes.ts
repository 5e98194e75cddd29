// What each demo page makes a browser download: its HTML, and the JavaScript it leads to (the island
// runtime, each client island's chunk and their static imports, including the chunks that deferred
// islands' fragments point at, and on pages with an enhanced form the enhance entry and its refresh chunk).
// Sizes are as the server sends them for each Accept-Encoding.
import { gzipSync } from 'node:zlib';
import { get } from './http.js';

export interface FileBytes {
	path: string;
	raw: number;
	/** Bytes sent for `accept-encoding: gzip` / `br`, and whether the server compressed them. */
	gzip: number;
	gzipEncoding: string;
	brotli: number;
	brotliEncoding: string;
}

export interface PageBytes {
	page: string;
	status: number;
	/** `gzip`: gzip -9 of the page; `sent`: what the server sends for `accept-encoding: br, gzip`, in `served` encoding. */
	html: { raw: number; gzip: number; sent: number; served: string };
	js: FileBytes[];
	/** Totals of `js`. */
	jsRaw: number;
	jsGzip: number;
	jsBrotli: number;
}

const TAG = /<mochi-island\b[^>]*>/g;
const attribute = (tag: string, name: string) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];

export async function measurePages(base: string, pages: string[], headers: Record<string, string>): Promise<PageBytes[]> {
	const files = new Map<string, Promise<FileBytes>>();
	const out: PageBytes[] = [];
	for (const page of pages) {
		const response = await get(base + page, headers);
		const html = response.body.toString('utf8');
		const compressed = await get(base + page, { ...headers, 'accept-encoding': 'br, gzip' });
		// Where the browser starts: module scripts, preloads and client island chunks in the page...
		const entries = [
			...matchAll(html, /<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g),
			...matchAll(html, /<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g),
			...matchAll(html, /\scomponent="([^"]+)"/g)
		];
		// ...and in the fragments of its server islands (a deferred + hydrated island's chunk is named there).
		for (const tag of html.match(TAG) ?? []) {
			const name = attribute(tag, 'name');
			const token = attribute(tag, 'signed-props');
			if (!name || !token) continue;
			const fragment = await get(`${base}/_mochi/island/${encodeURIComponent(name)}?p=${token}`, { ...headers, referer: base + page });
			entries.push(...matchAll(fragment.body.toString('utf8'), /\scomponent="([^"]+)"/g));
		}
		const closure = await importClosure(base, entries.map((entry) => new URL(entry, base + page).pathname), files);
		out.push({
			page,
			status: response.status,
			html: {
				raw: response.body.length,
				gzip: gzipSync(response.body, { level: 9 }).length,
				sent: compressed.body.length,
				served: String(compressed.headers['content-encoding'] ?? 'identity')
			},
			js: closure,
			jsRaw: sum(closure.map((f) => f.raw)),
			jsGzip: sum(closure.map((f) => f.gzip)),
			jsBrotli: sum(closure.map((f) => f.brotli))
		});
	}
	return out;
}

/** The files `entries` load before running: themselves and their static imports, each once. */
async function importClosure(base: string, entries: string[], cache: Map<string, Promise<FileBytes>>): Promise<FileBytes[]> {
	const seen = new Set<string>();
	const queue = [...entries];
	const result: FileBytes[] = [];
	while (queue.length) {
		const path = queue.shift()!;
		if (seen.has(path)) continue;
		seen.add(path);
		if (!cache.has(path)) cache.set(path, measureFile(base, path));
		const file = await cache.get(path)!;
		result.push(file);
		const source = (await get(base + path)).body.toString('utf8');
		for (const specifier of staticImports(source)) queue.push(new URL(specifier, base + path).pathname);
	}
	return result;
}

async function measureFile(base: string, path: string): Promise<FileBytes> {
	const [raw, gz, br] = await Promise.all([
		get(base + path),
		get(base + path, { 'accept-encoding': 'gzip' }),
		get(base + path, { 'accept-encoding': 'br' })
	]);
	if (raw.status !== 200) throw new Error(`GET ${path}: ${raw.status}`);
	return {
		path,
		raw: raw.body.length,
		// A file too small to be worth precompressing is sent as is: what goes over the wire is what counts.
		gzip: gz.body.length,
		gzipEncoding: String(gz.headers['content-encoding'] ?? 'identity'),
		brotli: br.body.length,
		brotliEncoding: String(br.headers['content-encoding'] ?? 'identity')
	};
}

/** `import … from "x"`, `import "x"`, `export … from "x"` in minified ESM; dynamic imports are left out. */
function staticImports(source: string): string[] {
	return matchAll(source, /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+)["']/g);
}

function matchAll(text: string, pattern: RegExp): string[] {
	return [...text.matchAll(pattern)].map((m) => m[1]);
}

function sum(values: number[]): number {
	return values.reduce((a, b) => a + b, 0);
}

