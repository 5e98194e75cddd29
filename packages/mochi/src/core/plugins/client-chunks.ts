import fs from 'node:fs';
import path from 'node:path';

/**
 * Build (client bundle): which modules Rolldown may treat as free of side effects, so that a page's islands
 * pull only the Svelte runtime pieces they import.
 *
 * Every compiled component imports `svelte/internal/client`, a barrel that re-exports all of Svelte's
 * client runtime (each blocks, transitions, animations, bindings, …). Svelte's package.json declares no
 * `sideEffects`, so Rolldown has to keep every module that barrel reaches, and since every island reaches
 * them all, they land in one chunk shared by every island: a page with one button downloaded the
 * transitions of an island on another page. Said side-effect free, the barrel's re-exports are traced to
 * the module that defines each binding, so each Svelte module is placed by the islands that use it: one
 * chunk for what every island needs, one per set of islands sharing the rest, none for what none uses.
 *
 * True of Svelte 5's `src/internal/client` (checked for 5.57): its modules only declare at top level, and
 * the one conditional (custom-element.js defining `SvelteElement` where `HTMLElement` exists) fills a binding
 * that only its importers read. The other internal folders (flags, disclose-version) are left as they are:
 * they are imported for their effect.
 */
const SVELTE_CLIENT_RUNTIME = /[\\/]svelte[\\/]src[\\/]internal[\\/]client[\\/]/;

export function clientModuleSideEffects(id: string): boolean {
	return !SVELTE_CLIENT_RUNTIME.test(id);
}

/** Matches the placeholder a chunk's URL is written as before its hash is known (`!~{00h}~`). */
const FILE_NAME_PLACEHOLDER = /!~\{[0-9a-z]+\}~/;

/**
 * Build (client bundle): Vite's manifest lists the runtime's `import.meta.ROLLUP_FILE_URL_…` of the
 * client-island chunk as an asset under its placeholder name (`client-island-!~{00h}~.js`), a file that does
 * not exist. Rewrites such names to the chunk's real file, so the manifest lists only files the build wrote;
 * a placeholder that matches no chunk is an error rather than a broken manifest.
 */
export function fixManifestPlaceholders(manifestFile: string, fileOf: (placeholderName: string) => string | undefined): void {
	if (!fs.existsSync(manifestFile)) return;
	const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, { assets?: string[] }>;
	let changed = false;
	for (const [key, chunk] of Object.entries(manifest)) {
		if (!chunk.assets) continue;
		chunk.assets = chunk.assets.map((file) => {
			if (!FILE_NAME_PLACEHOLDER.test(file)) return file;
			const real = fileOf(file);
			if (!real) throw new Error(`mochi build: ${path.basename(manifestFile)} lists ${file} for ${key}, a file name that was never filled in.`);
			changed = true;
			return real;
		});
	}
	if (changed) fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
}
