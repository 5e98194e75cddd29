// The config files of the mirror: the app's tsconfig with its `extends` still reaching the same
// file, and a svelte.config that turns on what `mochi()` turns on in Vite.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const TSCONFIG = /^[jt]sconfig(\..+)?\.json$/;
export const SVELTE_CONFIG = /^svelte\.config\.(js|mjs|cjs|ts|mts)$/;

/**
 * A tsconfig copied from `fromDir` (in the app) to `toDir` (in the mirror). A relative `extends`
 * that leaves the app (a monorepo's shared base) is rewritten to reach the same file from the
 * mirror; one inside the app is mirrored at the same relative place and stays as it is. Done on
 * the text, so comments and trailing commas (tsconfig is JSONC) survive.
 */
export function rebaseTsconfig(text: string, fromDir: string, toDir: string, root: string): string {
	return text.replace(/("extends"\s*:\s*)("(?:[^"\\]|\\.)*"|\[[^\]]*\])/, (_, key: string, value: string) => {
		return key + value.replace(/"((?:[^"\\]|\\.)*)"/g, (quoted, specifier: string) => {
			if (!specifier.startsWith('.')) return quoted;
			const target = path.resolve(fromDir, specifier);
			if (isInside(root, target)) return quoted;
			return JSON.stringify(path.relative(toDir, target).split(path.sep).join('/'));
		});
	});
}

export function isInside(dir: string, file: string): boolean {
	const relative = path.relative(dir, file);
	return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** For an app without a tsconfig: what a new Mochi app would have. */
export const DEFAULT_TSCONFIG = {
	compilerOptions: {
		target: 'ES2022',
		module: 'ESNext',
		moduleResolution: 'bundler',
		strict: true,
		noEmit: true,
		allowJs: true,
		skipLibCheck: true,
		isolatedModules: true,
		verbatimModuleSyntax: true,
		paths: { $lib: ['./src/lib'], '$lib/*': ['./src/lib/*'] }
	},
	include: ['src', 'vite.config.ts']
};

/**
 * Writes `svelte.config.mjs` into the mirror: the app's own svelte.config (imported where it is,
 * so its relative imports still work) with `experimental.async` on, as `mochi()` compiles every
 * component. Without it the compiler inside svelte-check rejects top-level `await` and the
 * `{@html await …}` of client islands. Passed to svelte-check as `--config`, so svelte-check does not
 * load vite.config.ts (slow, and it would run the app's Vite plugins).
 */
export function writeSvelteConfig(root: string, dir: string): string {
	const own = fs.readdirSync(root).find((name) => SVELTE_CONFIG.test(name));
	const lines = [
		"// Written by `mochi check`: the app's svelte.config with the compiler options mochi() sets in Vite.",
		own ? `import * as app from ${JSON.stringify(pathToFileURL(path.join(root, own)).href)};` : 'const app = {};',
		'const config = app.default ?? {};',
		'export default {',
		'\t...config,',
		'\tcompilerOptions: { ...config.compilerOptions, experimental: { ...config.compilerOptions?.experimental, async: true } }',
		'};',
		''
	];
	const file = path.join(dir, 'svelte.config.mjs');
	fs.writeFileSync(file, lines.join('\n'));
	return file;
}
