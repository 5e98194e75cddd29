// The mirror svelte-check runs on: `<root>/.mochi/check/`, a copy of the app in which every .svelte
// file under src/ has been through the island preprocessor. svelte-check type-checks the text of
// .svelte files as written (svelte2tsx never runs preprocessors), so it has to be handed the
// rewritten text; everything else is there as in the app, at the same relative paths, so
// tsconfig `paths`, `$lib` and relative imports resolve the same way.
import fs from 'node:fs';
import path from 'node:path';
import { checkedSvelte, type CheckedSvelte } from './svelte-file.js';
import { DEFAULT_TSCONFIG, isInside, rebaseTsconfig, SVELTE_CONFIG, TSCONFIG, writeSvelteConfig } from './config-files.js';

/** Never mirrored: build output, the mirror itself, and (linked instead) node_modules. */
const SKIP = new Set(['.git', '.mochi', 'build', 'node_modules']);

export interface Mirror {
	dir: string;
	/** The mirrored .svelte files under src/, by path relative to the root. */
	svelte: Map<string, CheckedSvelte>;
	/** The tsconfig svelte-check uses, in the mirror. */
	tsconfig: string;
	/** The svelte.config svelte-check uses, in the mirror. */
	svelteConfig: string;
}

export interface MirrorOptions {
	root: string;
	/** `--tsconfig`, relative to the root; default tsconfig.json or jsconfig.json. */
	tsconfig?: string;
}

/** Rewritten from scratch each run: a few file copies, far below what svelte-check itself takes. */
export function createMirror({ root, tsconfig }: MirrorOptions): Mirror {
	const dir = path.join(root, '.mochi', 'check');
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	const svelte = new Map<string, CheckedSvelte>();
	for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
		if (SKIP.has(entry.name) || SVELTE_CONFIG.test(entry.name)) continue;
		const from = path.join(root, entry.name);
		const to = path.join(dir, entry.name);
		const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && fs.statSync(from, { throwIfNoEntry: false })?.isDirectory());
		if (isDirectory && entry.name === 'src') copySource(root, from, to, svelte);
		else if (isDirectory) link(from, to);
		else if (TSCONFIG.test(entry.name)) fs.writeFileSync(to, rebaseTsconfig(fs.readFileSync(from, 'utf8'), root, dir, root));
		else fs.copyFileSync(from, to);
	}
	if (fs.existsSync(path.join(root, 'node_modules'))) link(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
	return { dir, svelte, tsconfig: mirrorTsconfig(root, dir, tsconfig), svelteConfig: writeSvelteConfig(root, dir) };
}

function copySource(root: string, from: string, to: string, svelte: Map<string, CheckedSvelte>): void {
	fs.mkdirSync(to, { recursive: true });
	for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
		const source = path.join(from, entry.name);
		const target = path.join(to, entry.name);
		if (fs.statSync(source, { throwIfNoEntry: false })?.isDirectory()) {
			copySource(root, source, target, svelte);
		} else if (entry.name.endsWith('.svelte')) {
			const checked = checkedSvelte(fs.readFileSync(source, 'utf8'), source, root);
			svelte.set(path.relative(root, source), checked);
			fs.writeFileSync(target, checked.generated);
		} else {
			// Copied, not linked: TypeScript would follow a link back into src/ and check the app's files instead.
			fs.copyFileSync(source, target);
		}
	}
}

/** Linked: a directory outside src/ (static/, scripts/) is only read, and may be large. */
function link(from: string, to: string): void {
	fs.symlinkSync(from, to, 'junction');
}

function mirrorTsconfig(root: string, dir: string, requested: string | undefined): string {
	if (requested !== undefined) {
		const file = path.resolve(root, requested);
		if (!isInside(root, file)) throw new Error(`--tsconfig must be a file inside the app, got ${requested}`);
		if (!fs.existsSync(file)) throw new Error(`--tsconfig: ${requested} does not exist`);
		// At the same relative place in the mirror (copied at the root, behind a link in a folder).
		return path.join(dir, path.relative(root, file));
	}
	const own = ['tsconfig.json', 'jsconfig.json'].find((name) => fs.existsSync(path.join(root, name)));
	if (own) return path.join(dir, own);
	const file = path.join(dir, 'tsconfig.json');
	fs.writeFileSync(file, JSON.stringify(DEFAULT_TSCONFIG, null, '\t') + '\n');
	return file;
}
