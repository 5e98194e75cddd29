import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Text files worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|xml|map)$/;

/** Brotli and gzip at their highest levels: for files compressed once, at build time. */
export async function compressBest(source: Uint8Array): Promise<{ br: Buffer; gzip: Buffer }> {
	const [br, gzipped] = await Promise.all([
		brotli(source, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: source.byteLength } }),
		gz(source, { level: constants.Z_BEST_COMPRESSION })
	]);
	return { br, gzip: gzipped };
}

/**
 * Write `.br` and `.gz` next to every compressible file over 512 bytes, at the highest levels: it
 * costs build time once instead of CPU on every request, and sirv serves them to clients that ask.
 * A variant that isn't smaller is not written.
 */
export async function precompress(dir: string): Promise<{ files: number; bytes: number; brotli: number; gzip: number }> {
	const totals = { files: 0, bytes: 0, brotli: 0, gzip: 0 };
	const files = (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
		// `.vite/` holds build manifests, which are never served.
		.filter((entry) => entry.isFile() && COMPRESSIBLE.test(entry.name) && !entry.parentPath.includes(`${path.sep}.vite`))
		.map((entry) => path.join(entry.parentPath, entry.name));
	await Promise.all(
		files.map(async (file) => {
			const source = fs.readFileSync(file);
			if (source.length < 512) return;
			const { br, gzip: gzipped } = await compressBest(source);
			totals.files += 1;
			totals.bytes += source.length;
			if (br.length < source.length) fs.writeFileSync(`${file}.br`, br), (totals.brotli += br.length);
			if (gzipped.length < source.length) fs.writeFileSync(`${file}.gz`, gzipped), (totals.gzip += gzipped.length);
		})
	);
	return totals;
}
