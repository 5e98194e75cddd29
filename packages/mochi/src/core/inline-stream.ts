// Build: the code a page that streams carries inline (ClientAssets.inlineStream, page-document.ts).
import fs from 'node:fs';
import path from 'node:path';

/** What `mochi build` reads of a chunk in Vite's client manifest. */
export interface ViteChunk {
	file: string;
	src?: string;
	isEntry?: boolean;
	imports?: string[];
}

/**
 * The runtime's and the streamed-islands module's code, for pages that stream to carry inline (ClientAssets.inlineStream),
 * or null when either cannot stand alone in a `<script>`: a static import of another chunk, or text the HTML parser
 * would read as the end of the script (`</script`) or as the start of a comment in it (`<!--`).
 */
export function inlineStream(clientDir: string, ...chunks: [ViteChunk, ViteChunk]): { runtime: string; stream: string } | null {
	const [runtime, stream] = chunks.map((chunk) => {
		if (chunk.imports?.length) return null;
		// A source map comment would be resolved against the page's URL, not the asset's: dropped.
		const code = fs.readFileSync(path.join(clientDir, chunk.file), 'utf8').replace(/\/\/# sourceMappingURL=\S*\s*$/, '').trim();
		return /<\/script|<!--/i.test(code) ? null : code;
	});
	return runtime && stream ? { runtime, stream } : null;
}
