import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { findIslands, staticSvelteImports, type IslandUse } from '../preprocess/index.js';
import { directiveError, sourceError } from './diagnostics/directive-error.js';

/** Resolves an import specifier as Vite would (aliases such as $lib included). */
export type Resolve = (specifier: string, importer: string) => Promise<string | null>;

export interface IslandEntry {
	name: string;
	/** Absolute path of the island component. */
	file: string;
	/** Used with mochi:hydrate or mochi:client somewhere: it gets a client chunk. */
	hydrate: boolean;
}

/**
 * Finds every component used as an island anywhere under src/ and gives each a public name: its
 * file name, with a short hash of its path when two different files share that name. Scanning the
 * whole app up front (rather than as pages compile) means the island endpoint knows every island
 * before any page has been requested: a visitor holding an old page open still gets answers after a restart.
 */
export async function scanIslands(root: string, resolve: Resolve): Promise<IslandEntry[]> {
	const files = new Map<string, boolean>();
	/** Where each hydrated component is first used, for messages. */
	const hydratedAt = new Map<string, string>();
	const usesByFile = new Map<string, IslandUse[]>();
	for (const source of listSvelteFiles(path.join(root, 'src'))) {
		const code = fs.readFileSync(source, 'utf8');
		if (!code.includes('mochi:')) continue;
		const { islands, errors } = findIslands(code, { filename: source, root });
		if (errors.length) throw directiveError(errors, code);
		if (islands.length) usesByFile.set(source, islands);
		for (const use of islands) {
			const resolved = await resolve(use.specifier, source);
			if (!resolved) {
				const message = `${relative(root, source)}:${use.line}: cannot resolve island import "${use.specifier}".`;
				throw sourceError(message, { file: source, line: use.line, column: use.column, source: code });
			}
			const file = resolved.split('?')[0];
			// A client-only island (mochi:client) runs in the browser as a hydrated one does: same chunk, same subtree rule.
			files.set(file, files.get(file) === true || use.mode !== 'plain');
			if (use.mode !== 'plain' && !hydratedAt.has(file)) hydratedAt.set(file, `${relative(root, source)}:${use.line}`);
		}
	}
	await checkHydratedSubtrees(root, resolve, hydratedAt, usesByFile);
	return nameIslands(root, files);
}

/**
 * A client island is hydrated in the browser from its props alone, so no island can live anywhere
 * in its own component tree (across files, through static .svelte imports): a server island there
 * would never be fetched, a nested client island would be hydrated twice.
 */
async function checkHydratedSubtrees(root: string, resolve: Resolve, hydratedAt: Map<string, string>, usesByFile: Map<string, IslandUse[]>) {
	const problems: Array<{ message: string; file: string; use: IslandUse }> = [];
	for (const [island, usedAt] of hydratedAt) {
		const seen = new Set<string>();
		const visit = async (file: string) => {
			if (seen.has(file) || !fs.existsSync(file)) return;
			seen.add(file);
			for (const use of usesByFile.get(file) ?? []) {
				const kind = use.load ? 'mochi:defer' : use.mode === 'client' ? 'mochi:client' : 'mochi:hydrate';
				problems.push({
					message:
						`${relative(root, file)}:${use.line}: <${use.component} ${kind}> is inside the client island ${relative(root, island)} ` +
						`(hydrated at ${usedAt}), which the browser hydrates from its props alone. Move the island out, or drop mochi:hydrate there.`,
					file,
					use
				});
			}
			const code = fs.readFileSync(file, 'utf8');
			for (const specifier of staticSvelteImports(code, { filename: file, root })) {
				const resolved = await resolve(specifier, file);
				if (resolved) await visit(resolved.split('?')[0]);
			}
		};
		await visit(island);
	}
	if (problems.length) {
		const [{ file, use }] = problems;
		const message = problems.map((problem) => problem.message).join('\n');
		throw sourceError(message, { file, line: use.line, column: use.column, source: fs.readFileSync(file, 'utf8') });
	}
}

function relative(root: string, file: string): string {
	return path.relative(root, file).split(path.sep).join('/');
}

/** File name as island name; a short hash of the path when two files share a name. */
export function nameIslands(root: string, hydrated: Map<string, boolean>): IslandEntry[] {
	const files = [...hydrated.keys()];
	const byBase = new Map<string, string[]>();
	for (const file of files.sort()) {
		const base = path.basename(file).replace(/\.svelte$/, '');
		byBase.set(base, [...(byBase.get(base) ?? []), file]);
	}
	const entries: IslandEntry[] = [];
	for (const [base, group] of byBase) {
		for (const file of group) {
			const suffix = createHash('sha256').update(relative(root, file)).digest('hex').slice(0, 6);
			entries.push({ name: group.length === 1 ? base : `${base}-${suffix}`, file, hydrate: hydrated.get(file) === true });
		}
	}
	return entries;
}

function listSvelteFiles(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	const out: string[] = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) out.push(...listSvelteFiles(full));
		else if (entry.name.endsWith('.svelte')) out.push(full);
	}
	return out;
}
