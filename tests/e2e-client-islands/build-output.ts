// What `mochi build` wrote for the browser: the runtime, one chunk per hydrated island, and the
// chunks they share (Svelte), read from the build's own manifests so the tests name no hashes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { APP } from './fixture.js';

interface ManifestChunk {
	file: string;
	name?: string;
	isEntry?: boolean;
	imports?: string[];
}

export interface ClientBuild {
	/** `/_mochi/assets/runtime-[hash].js` */
	runtime: string;
	/** `/_mochi/assets/client-island-[hash].js`: client islands' code, which the runtime imports for them. */
	clientIsland: string;
	/** Island name → its chunk's URL path. */
	islands: Record<string, string>;
	/** URL paths of the chunks an island's chunk imports statically. */
	importsOf(name: string): string[];
	/** URL paths of every chunk an island's chunk loads before it runs: its static imports and theirs. */
	closureOf(name: string): string[];
}

export function readClientBuild(): ClientBuild {
	const dir = path.join(APP, 'build/client/.vite');
	const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
	const islands = JSON.parse(readFileSync(path.join(dir, 'mochi-islands.json'), 'utf8')) as Record<string, string>;
	const runtime = Object.values(manifest).find((chunk) => chunk.isEntry && chunk.name === 'runtime');
	const clientIsland = Object.values(manifest).find((chunk) => chunk.isEntry && chunk.name === 'client-island');
	if (!runtime || !clientIsland) throw new Error('no runtime or client-island entry in the client manifest');
	const islandChunk = (name: string) => {
		const chunk = manifest[`virtual:mochi/island/${name}`];
		if (!chunk) throw new Error(`no client chunk for island ${name}`);
		return chunk;
	};
	return {
		runtime: `/${runtime.file}`,
		clientIsland: `/${clientIsland.file}`,
		islands,
		importsOf(name) {
			return (islandChunk(name).imports ?? []).map((key) => `/${manifest[key].file}`);
		},
		closureOf(name) {
			const seen = new Set<string>();
			const queue = [...(islandChunk(name).imports ?? [])];
			while (queue.length) {
				const key = queue.shift()!;
				if (seen.has(key)) continue;
				seen.add(key);
				queue.push(...(manifest[key].imports ?? []));
			}
			return [...seen].map((key) => `/${manifest[key].file}`);
		}
	};
}
