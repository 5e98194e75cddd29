import fs from 'node:fs';
import path from 'node:path';
import type { CspPolicy } from '../runtime/server/csp.js';
import { hashInlineTags } from '../runtime/server/prerendered-csp.js';
import { bodyHash, type PrerenderedEntry } from '../runtime/server/prerendered.js';
import { compressBest } from './precompress.js';

/** Pages compressed at once: zlib's async calls run on libuv's four threads, so more would only queue. */
const CONCURRENCY = 4;

/**
 * After prerendering: each page as the server will send it when it runs with the key the build signed
 * with, so that it can send these files as they are (runtime/server/prerendered.ts) instead of compressing
 * every page again at every start. Per page, in build/prerendered/:
 * - `<file>`: the bytes served. With `mochi({ csp })` the nonce placeholders are gone and the inline tags'
 *   hashes go in the manifest; the page as rendered, placeholders in, is kept as `<file>.source`, since a
 *   server with another key re-signs from it and must hash the tags again;
 * - `<file>.br` and `<file>.gz`, at the highest levels (like client files: precompress.ts), always written
 *   (the server sends them whatever their size, as it always did);
 * - in the manifest entry: the bytes' hash (the ETag's base) and sizes, so the server reads no page at start.
 */
export async function writeServedFiles(dir: string, entries: Record<string, PrerenderedEntry>, csp: CspPolicy | null): Promise<{ pages: number; bytes: number; brotli: number }> {
	const totals = { pages: 0, bytes: 0, brotli: 0 };
	const queue = Object.values(entries);
	const next = async (): Promise<void> => {
		for (let entry = queue.shift(); entry; entry = queue.shift()) {
			const file = path.join(dir, entry.file);
			let html = fs.readFileSync(file, 'utf8');
			let hashes;
			if (csp && entry.cspPlaceholder) {
				fs.writeFileSync(`${file}.source`, html);
				({ html, hashes } = hashInlineTags(html, entry.cspPlaceholder));
				fs.writeFileSync(file, html);
			}
			const body = Buffer.from(html, 'utf8');
			const { br, gzip } = await compressBest(body);
			fs.writeFileSync(`${file}.br`, br);
			fs.writeFileSync(`${file}.gz`, gzip);
			entry.served = { hash: bodyHash(body), size: body.length, br: br.length, gzip: gzip.length, ...(hashes && { csp: hashes }) };
			totals.pages += 1;
			totals.bytes += body.length;
			totals.brotli += br.length;
		}
	};
	await Promise.all(Array.from({ length: CONCURRENCY }, next));
	return totals;
}
