import type { Plugin } from 'vite';
import { RESOLVED_SERVER_ENTRY_ID, SERVER_ENTRY_ID, type PluginContext } from './context.js';
import { serverEntryCode } from '../server-entry.js';

/** mochi:entry — serves `virtual:mochi/server-entry`, the app's routes and islands as one module. */
export function entryPlugin(context: PluginContext): Plugin {
	return {
		name: 'mochi:entry',
		resolveId(id) {
			if (id === SERVER_ENTRY_ID) return RESOLVED_SERVER_ENTRY_ID;
		},
		async load(id) {
			if (id !== RESOLVED_SERVER_ENTRY_ID) return;
			const resolve = async (specifier: string, importer: string) => (await this.resolve(specifier, importer))?.id ?? null;
			const islands = await context.islands(resolve);
			return serverEntryCode(context.root, context.options, context.routes(), islands);
		}
	};
}
