// Every code sample in the docs that is a complete file (a fence like ```svelte file=src/routes/index.svelte)
// compiles. What "compiles" means here:
// - .svelte: Mochi's island preprocessor reports no directive error, then Svelte's compiler accepts the
//   result for the server and for the browser (async on, as mochi() sets it). Imports are not resolved.
// - .ts: TypeScript type-checks it (strict) against the real types of mochi-framework, vite and vitest,
//   with the other complete files of the same page beside it (a test may import the endpoint above it) and
//   .svelte imports typed as components. A path a page gives twice is another version of that file (two
//   vite.config.ts): each version is checked, in a folder of its own.
// - vite.config.ts, once more: transpiled and run, so mochi()'s own option checks accept its options.
// Fragments (fences without file=) are not checked.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { compile } from 'svelte/compiler';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { preprocessIslands } from '../../packages/mochi/dist/preprocess/index.js';
import { codeSamples, type CodeSample } from '../../sites/docs/src/lib/server/markdown.js';
import { CONTENT } from './fixture.js';

interface Page {
	name: string;
	samples: CodeSample[];
}

const pages: Page[] = ['guide', 'reference'].flatMap((section) =>
	readdirSync(path.join(CONTENT, section))
		.filter((file) => file.endsWith('.md'))
		.map((file) => ({ name: `${section}/${file}`, samples: codeSamples(readFileSync(path.join(CONTENT, section, file), 'utf8')).filter((s) => s.file) }))
);
const files = pages.flatMap((page) => page.samples.map((sample) => ({ page: page.name, ...sample, file: sample.file! })));

/** Where a page's files would live: beside the tests, so `mochi-framework`, `vite` and `vitest` resolve. Never written. */
const rootOf = (page: string) => path.join(import.meta.dirname, '.samples', page.replace(/\W+/g, '-'));

describe('complete-file samples in the docs', () => {
	it('there are many, each a .svelte or .ts file', () => {
		expect(files.length).toBeGreaterThan(15);
		expect(new Set(files.map((f) => path.extname(f.file)))).toEqual(new Set(['.svelte', '.ts']));
		// The language of the fence matches the file (the site shows it as such).
		for (const file of files) expect([file.file, file.lang]).toEqual([file.file, path.extname(file.file).slice(1)]);
	});

	it.each(files.filter((f) => f.file.endsWith('.svelte')).map((f) => [`${f.page}: ${f.file}`, f] as const))(
		'%s goes through the island preprocessor and the Svelte compiler',
		(_, sample) => {
			const root = rootOf(sample.page);
			const filename = path.join(root, sample.file);
			const pre = preprocessIslands(sample.code, { filename, root });
			expect(pre.errors.map((error) => error.message)).toEqual([]);
			for (const generate of ['server', 'client'] as const) {
				const result = compile(pre.code, { filename, generate, experimental: { async: true } });
				expect(result.js.code.length).toBeGreaterThan(0);
			}
		}
	);

	it('every .ts sample type-checks, strictly, against the real packages', () => {
		// One program: each page's files in a folder of their own, the n-th version of a path in the n-th folder.
		const virtual = new Map<string, string>();
		for (const file of files.filter((f) => f.file.endsWith('.ts'))) {
			let version = 0;
			while (virtual.has(path.join(rootOf(`${file.page}-${version}`), file.file))) version++;
			virtual.set(path.join(rootOf(`${file.page}-${version}`), file.file), file.code);
		}
		const checked = virtual.size;
		// `$lib/Greeting.svelte` and `./index.svelte` alike: a .svelte import is a component.
		const shim = path.join(import.meta.dirname, '.samples', 'svelte-modules.d.ts');
		virtual.set(shim, "declare module '*.svelte' { import type { Component } from 'svelte'; const component: Component<any>; export default component; }\n");
		const options: ts.CompilerOptions = {
			strict: true,
			noEmit: true,
			target: ts.ScriptTarget.ES2022,
			module: ts.ModuleKind.ESNext,
			moduleResolution: ts.ModuleResolutionKind.Bundler,
			types: ['node'],
			typeRoots: [path.join(import.meta.dirname, '../node_modules/@types')],
			skipLibCheck: true
		};
		const host = ts.createCompilerHost(options);
		const { fileExists, readFile, getSourceFile, directoryExists } = host;
		host.fileExists = (name) => virtual.has(name) || fileExists(name);
		host.readFile = (name) => virtual.get(name) ?? readFile(name);
		host.directoryExists = (dir) => [...virtual.keys()].some((file) => file.startsWith(dir + path.sep)) || (directoryExists?.(dir) ?? true);
		host.getSourceFile = (name, language, ...rest) =>
			virtual.has(name) ? ts.createSourceFile(name, virtual.get(name)!, language) : getSourceFile(name, language, ...rest);
		const program = ts.createProgram([...virtual.keys()], options, host);
		const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
			const file = diagnostic.file;
			const where = file ? `${path.relative(path.join(import.meta.dirname, '.samples'), file.fileName)}:${file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}` : '';
			return `${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
		});
		expect(checked).toBeGreaterThan(5);
		expect(problems).toEqual([]);
	}, 120_000);

	it('every vite.config.ts sample runs, and mochi() accepts its options', async () => {
		const configs = files.filter((f) => path.basename(f.file) === 'vite.config.ts');
		expect(configs.length).toBeGreaterThan(3);
		// Beside the tests, so `vite` and `mochi-framework/vite` resolve; removed afterwards.
		const dir = path.join(import.meta.dirname, '.samples');
		mkdirSync(dir, { recursive: true });
		try {
			for (const [i, config] of configs.entries()) {
				const js = ts.transpileModule(config.code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
				const file = path.join(dir, `vite-config-${i}.mjs`);
				writeFileSync(file, js);
				// `plugins: [mochi()]`: mochi() is a list of plugins, which Vite flattens.
				const { default: resolved } = (await import(pathToFileURL(file).href)) as { default: { plugins: unknown[] } };
				const names = (resolved.plugins.flat(Infinity) as Array<{ name: string }>).map((plugin) => plugin.name);
				expect(names, config.page).toContain('mochi:config');
			}
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
