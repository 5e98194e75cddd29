import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import type { PluginContext } from './context.js';

/** `virtual:mochi/island/<Name>`: a hydrated or client-only island's client entry: its component, Svelte's hydrate and mount, and the step that joins them. */
export const CLIENT_ISLAND_PREFIX = 'virtual:mochi/island/';
export const CLIENT_ISLANDS_FILE = '.vite/mochi-islands.json';
const HYDRATE_MODULE = fileURLToPath(new URL('../../runtime/client/hydrate.js', import.meta.url));

/**
 * mochi:client-islands — one code-split entry per hydrated island, so a page downloads the code of
 * the islands it uses and nothing else. Svelte's `hydrate` comes from the same module graph as the
 * component (one Svelte copy in the browser). At build, writes `{ name: url }` for the server.
 */
export function clientIslandsPlugin(context: PluginContext): Plugin {
	let clientBuild = false;
	return {
		name: 'mochi:client-islands',
		configResolved(config) {
			clientBuild = config.command === 'build' && !config.build.ssr;
		},
		resolveId(id) {
			if (id.startsWith(CLIENT_ISLAND_PREFIX)) return '\0' + id;
		},
		async load(id) {
			if (!id.startsWith('\0' + CLIENT_ISLAND_PREFIX)) return;
			const name = id.slice(CLIENT_ISLAND_PREFIX.length + 1);
			const islands = await context.islands(async (specifier, importer) => (await this.resolve(specifier, importer))?.id ?? null);
			const island = islands.find((entry) => entry.name === name && entry.hydrate);
			if (!island) this.error(`mochi: there is no hydrated island called "${name}".`);
			return [
				`import component from ${JSON.stringify(island.file)};`,
				"import { hydrate, mount, unmount } from 'svelte';",
				`import { hydrateIsland } from ${JSON.stringify(HYDRATE_MODULE)};`,
				// `mount` for the same component used with mochi:client (the element says which: hydrate.ts).
				'export default (element, fragment, token) => hydrateIsland(element, fragment, component, hydrate, token, unmount, mount);'
			].join('\n');
		},
		async buildStart() {
			if (!clientBuild) return;
			const islands = await context.islands(async (specifier, importer) => (await this.resolve(specifier, importer))?.id ?? null);
			for (const island of islands) {
				if (island.hydrate) this.emitFile({ type: 'chunk', id: CLIENT_ISLAND_PREFIX + island.name, name: island.name, preserveSignature: 'strict' });
			}
		},
		generateBundle(_, bundle) {
			if (!clientBuild) return;
			// Island styles ship in each page's stylesheet (mochi:css, server build), before the island
			// arrives; the CSS files Vite would write for the client entries would never be loaded.
			for (const [file, output] of Object.entries(bundle)) {
				if (output.type === 'asset' && file.endsWith('.css')) delete bundle[file];
			}
			const urls: Record<string, string> = {};
			for (const chunk of Object.values(bundle)) {
				const facade = chunk.type === 'chunk' ? chunk.facadeModuleId : null;
				if (facade?.startsWith('\0' + CLIENT_ISLAND_PREFIX)) urls[facade.slice(CLIENT_ISLAND_PREFIX.length + 1)] = `/${chunk.fileName}`;
			}
			this.emitFile({ type: 'asset', fileName: CLIENT_ISLANDS_FILE, source: JSON.stringify(urls, null, '\t') });
		}
	};
}

/** Dev: the browser loads an island's entry straight from Vite, from under this path. */
export const DEV_CLIENT_ISLAND_PREFIX = `/@id/__x00__${CLIENT_ISLAND_PREFIX}`;

export function devClientIslandUrl(name: string): string {
	return `${DEV_CLIENT_ISLAND_PREFIX}${name}`;
}
