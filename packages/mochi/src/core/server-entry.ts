import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RouteTree } from './routes/index.js';
import type { IslandEntry } from './island-registry.js';
import type { ResolvedOptions } from './options.js';
import { DEFAULT_TEMPLATE } from '../runtime/server/template.js';
import { findHooksFile } from './hooks-file.js';

export const ROOT_COMPONENT = fileURLToPath(new URL('../runtime/server/root.svelte', import.meta.url));

/**
 * The source of `virtual:mochi/server-entry`: the app described as data plus imports. Pages load
 * lazily; island components load eagerly, because pages look their names up by identity.
 */
export function serverEntryCode(root: string, options: ResolvedOptions, tree: RouteTree, islands: IslandEntry[]): string {
	const abs = (file: string) => JSON.stringify(path.resolve(root, file).split(path.sep).join('/'));
	const lazy = (file: string) => `() => import(${abs(file)})`;
	const lines = [`import root from ${JSON.stringify(ROOT_COMPONENT)};`, "import { render } from 'svelte/server';"];
	islands.forEach((island, i) => lines.push(`import island${i} from ${abs(island.file)};`));
	// Imported eagerly: `handle` runs on every request. In dev, an edit reloads this module (and the app).
	const hooks = findHooksFile(root);
	if (hooks) lines.push(`import * as hooks from ${abs(hooks)};`);

	const routes = tree.routes.map(
		(route) =>
			`\t\t{ id: ${JSON.stringify(route.id)}, segments: ${JSON.stringify(route.segments)}, kind: ${JSON.stringify(route.kind)}, ` +
			`file: ${JSON.stringify(route.file)}, load: ${lazy(route.file)}, layouts: [${route.layouts.map(lazy).join(', ')}], ` +
			`error: ${route.error ? lazy(route.error) : 'null'} }`
	);
	const rootLayout = path.join(options.routesDir, '_layout.svelte');
	const rootLayouts = fs.existsSync(path.join(root, rootLayout)) ? [lazy(rootLayout)] : [];

	lines.push(
		'export const manifest = {',
		`\tassetPrefix: ${JSON.stringify(options.assetPrefix)},`,
		`\ttemplate: ${JSON.stringify(readTemplate(root))},`,
		`\tcsp: ${JSON.stringify(options.csp)},`,
		'\trender,',
		'\troot,',
		`\troutes: [\n${routes.join(',\n')}\n\t],`,
		`\trootLayouts: [${rootLayouts.join(', ')}],`,
		`\trootError: ${tree.rootError ? lazy(tree.rootError) : 'null'},`,
		`\tislands: { ${islands.map((island, i) => `${JSON.stringify(island.name)}: island${i}`).join(', ')} },`,
		`\tserver: ${JSON.stringify(options.server)},`,
		`\tislandMaxAge: ${JSON.stringify(options.islands.maxAge)},`,
		`\tislandPreload: ${JSON.stringify(options.islands.preload)},`,
		`\tislandStream: ${JSON.stringify(options.islands.stream)},`,
		`\tcsrf: ${JSON.stringify(options.csrf)},`,
		`\thooks: ${hooks ? `{ file: ${JSON.stringify(hooks)}, module: hooks }` : 'null'}`,
		'};'
	);
	return lines.join('\n') + '\n';
}

function readTemplate(root: string): string {
	const file = path.join(root, 'src/app.html');
	return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : DEFAULT_TEMPLATE;
}
