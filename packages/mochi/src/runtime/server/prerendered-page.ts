import fs from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { CspPolicy } from './csp.js';
import { hashInlineTags } from './prerendered-csp.js';
import { BodyBudget, Variant } from './prerendered-variant.js';

export interface Variants {
	identity: Variant;
	br: Variant;
	gzip: Variant;
}

export interface PrerenderedPage {
	/** Null until `ready()` has made them (a re-signed page, before its first request). */
	readonly variants: Variants | null;
	ready(): Promise<Variants>;
}

/** The ETag's base for a page's bytes: sha256, base64url, 22 characters. */
export function bodyHash(body: Uint8Array): string {
	return createHash('sha256').update(body).digest('base64url').slice(0, 22);
}

/**
 * A page whose tokens the build signed with the key this server signs with: its three files go out as the
 * build wrote them (core/prerendered-files.ts), each read when first asked for.
 */
export function filesPage(options: FilesOptions): PrerenderedPage {
	// Made on first use: ten thousand pages hold one small record each until they are asked for.
	let made: Variants | null = null;
	const use = () => {
		if (!made) options.used(), (made = variants(options));
		return made;
	};
	return {
		get variants() {
			return use();
		},
		ready: () => Promise.resolve(use())
	};
}

interface FilesOptions {
	file: string;
	hash: string;
	/** Bytes of the file, its `.br` and `.gz`. */
	sizes: [number, number, number];
	headers: Record<string, string>;
	budget: BodyBudget;
	/** Called once, on first use. */
	used: () => void;
}

function variants({ file, hash, sizes, headers, budget }: FilesOptions): Variants {
	const read = (name: string) => () => fs.readFile(name);
	return {
		identity: new Variant(`"${hash}"`, null, headers, sizes[0], read(file), budget),
		br: new Variant(`"${hash}-br"`, 'br', headers, sizes[1], read(`${file}.br`), budget),
		gzip: new Variant(`"${hash}-gz"`, 'gzip', headers, sizes[2], read(`${file}.gz`), budget)
	};
}

export interface ResignOptions {
	/** The page as rendered: tokens of the build's key, CSP nonce placeholders in. */
	source: string;
	/** Signs the page's tokens (on its first request): each token of the build and this server's for it. */
	resign: () => [string, string][];
	headers: Record<string, string>;
	csp: CspPolicy | null;
	cspPlaceholder: string | undefined;
	budget: BodyBudget;
}

/**
 * A page whose tokens this server signs again (it runs with another key than the build's). Made on its
 * first request, not at start: the file read, the tokens replaced, the CSP hashes taken of the bytes that
 * will be served. Brotli and gzip are made from those bytes on the first request that asks for each, at
 * levels that cost about a millisecond for a page of a few KB (brotli 11 costs 20–50 times more: see
 * bench/README.md, "Scale"). Their ETags say so (`-br5`, `-gz6`), as their bytes differ from the build's.
 */
export function resignedPage(options: ResignOptions): PrerenderedPage {
	let made: Variants | null = null;
	let making: Promise<Variants> | null = null;
	const page: PrerenderedPage = {
		get variants() {
			return made;
		},
		ready
	};
	function ready(): Promise<Variants> {
		if (made) return Promise.resolve(made);
		return (making ??= make(options).then(
			(variants) => (made = variants),
			(error: unknown) => {
				making = null;
				throw error;
			}
		));
	}
	return page;
}

async function make(options: ResignOptions): Promise<Variants> {
	const replace = options.resign();
	const first = await resign(options, replace);
	const { budget } = options;
	const identity = new Variant(`"${first.hash}"`, null, first.headers, first.body.byteLength, async () => (await resign(options, replace)).body, budget);
	identity.offer(first.body);
	const from = (compress: (body: Uint8Array) => Promise<Buffer>) => async () => compress(await identity.read());
	return {
		identity,
		br: new Variant(`"${first.hash}-br5"`, 'br', first.headers, null, from(brotli), budget),
		gzip: new Variant(`"${first.hash}-gz6"`, 'gzip', first.headers, null, from(gz), budget)
	};
}

async function resign(options: ResignOptions, replace: [string, string][]): Promise<{ body: Uint8Array; hash: string; headers: Record<string, string> }> {
	let html = await fs.readFile(options.source, 'utf8');
	for (const [from, to] of replace) if (from !== to) html = html.split(from).join(to);
	let headers = options.headers;
	if (options.csp) {
		// After re-signing: the hashes are of the bytes that will be served.
		const inline = options.cspPlaceholder ? hashInlineTags(html, options.cspPlaceholder) : { html, hashes: { script: [], style: [] } };
		html = inline.html;
		headers = { ...headers, [options.csp.name]: options.csp.forHashes(inline.hashes) };
	}
	const body = Buffer.from(html, 'utf8');
	return { body, hash: bodyHash(body), headers };
}

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const brotli = (body: Uint8Array) =>
	brotliAsync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } });
const gz = (body: Uint8Array) => gzipAsync(body, { level: 6 });
