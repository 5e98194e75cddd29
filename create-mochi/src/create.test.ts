import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'svelte/compiler';
import { CreateError, createApp } from './create.js';
import { TEMPLATE_NAMES, type Language } from './templates.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const framework = JSON.parse(fs.readFileSync(path.join(REPO, 'packages/mochi/package.json'), 'utf8'));

let tmp: string;
beforeEach(() => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'create-mochi-'));
});
afterEach(() => {
	fs.rmSync(tmp, { recursive: true, force: true });
});

const read = (...parts: string[]) => fs.readFileSync(path.join(...parts), 'utf8');

describe.each(TEMPLATE_NAMES.flatMap((template) => (['ts', 'js'] as Language[]).map((language) => ({ template, language }))))(
	'the $template template in $language',
	({ template, language }) => {
		let dir: string;
		let files: string[];
		beforeEach(() => {
			dir = path.join(tmp, 'my-app');
			({ files } = createApp({ directory: dir, template, language }));
		});

		it('writes a package.json named after the folder, with the current framework and its svelte and vite', () => {
			const pkg = JSON.parse(read(dir, 'package.json'));
			expect(pkg.name).toBe('my-app');
			expect(pkg.type).toBe('module');
			expect(pkg.private).toBe(true);
			expect(pkg.scripts).toEqual({
				dev: 'mochi dev',
				build: 'mochi build',
				start: 'mochi start',
				test: 'vitest run',
				check: 'mochi check'
			});
			expect(pkg.dependencies).toEqual({
				'mochi-framework': `^${framework.version}`,
				svelte: framework.devDependencies.svelte,
				vite: framework.devDependencies.vite
			});
			expect(Object.keys(pkg.devDependencies)).toEqual(
				expect.arrayContaining(['@testing-library/dom', '@testing-library/svelte', 'jsdom', 'svelte-check', 'typescript', 'vitest'])
			);
			// process.env's types, the framework's own: `mochi check` knows process.env and import.meta.env.
			expect(pkg.devDependencies['@types/node']).toBe(framework.devDependencies['@types/node']);
			expect(pkg.devDependencies.vitest).toBe('~4.1.12');
			expect(pkg.devDependencies['svelte-check']).toMatch(/^\^4\.7/);
			expect(pkg.devDependencies.typescript).toBe('~5.9.3');
		});

		it('writes a .gitignore for dependencies, build output and secrets', () => {
			const lines = read(dir, '.gitignore').split('\n');
			for (const line of ['node_modules', 'build/', '.mochi/', '.env', '.env.*']) expect(lines).toContain(line);
			expect(files).not.toContain('gitignore');
		});

		it('names the README after the app', () => {
			expect(read(dir, 'README.md').split('\n')[0]).toBe('# my-app');
		});

		it('has the app layout: vite config, routes, a layout, static files and tests', () => {
			const ext = language;
			for (const file of [`vite.config.${ext}`, 'src/app.html', 'src/routes/index.svelte', 'src/routes/_layout.svelte', 'static/favicon.svg']) {
				expect(files).toContain(file);
			}
			expect(read(dir, `vite.config.${ext}`)).toContain("plugins: [mochi()]");
			expect(files.filter((file) => file.endsWith(`.test.${ext}`)).length).toBeGreaterThanOrEqual(3);
		});

		if (language === 'ts') {
			it('is TypeScript: a tsconfig with $lib, and .ts modules', () => {
				const tsconfig = JSON.parse(read(dir, 'tsconfig.json'));
				expect(tsconfig.compilerOptions.paths.$lib).toEqual(['./src/lib']);
				expect(tsconfig.compilerOptions.types).toEqual(['node', 'vite/client']);
				expect(files).not.toContain('jsconfig.json');
				expect(files.some((file) => file.endsWith('.ts'))).toBe(true);
			});
		} else {
			it('is JavaScript: a jsconfig that checks no JS, no .ts files, no lang="ts", valid Svelte', () => {
				expect(files).not.toContain('tsconfig.json');
				const jsconfig = JSON.parse(read(dir, 'jsconfig.json'));
				expect(jsconfig.compilerOptions.checkJs).toBe(false);
				expect(jsconfig.compilerOptions.types).toEqual(['node', 'vite/client']);
				expect(jsconfig.include).toEqual(['src', 'vite.config.js']);
				expect(files.filter((file) => file.endsWith('.ts'))).toEqual([]);
				for (const file of files.filter((file) => file.endsWith('.svelte'))) {
					const source = read(dir, file);
					expect(source, file).not.toMatch(/lang=["']ts["']/);
					expect(() => parse(source, { filename: file, modern: true }), file).not.toThrow();
				}
				for (const file of files.filter((file) => file.endsWith('.js'))) {
					expect(read(dir, file), file).not.toMatch(/^\s*(import type|export (interface|type) )/m);
				}
			});
		}
	}
);

describe('the minimal template', () => {
	it('has one page with a server island and a client island, a layout, a page with a form action, and a test of each kind', () => {
		const dir = path.join(tmp, 'app');
		const { files } = createApp({ directory: dir, template: 'minimal', language: 'ts' });
		expect(files.filter((file) => file.startsWith('src/'))).toEqual([
			'src/app.html',
			'src/lib/Counter.svelte',
			'src/lib/Counter.test.ts',
			'src/lib/Greeting.svelte',
			'src/lib/Greeting.test.ts',
			'src/routes/_layout.svelte',
			'src/routes/index.svelte',
			'src/routes/index.test.ts',
			'src/routes/name.svelte',
			'src/routes/name.test.ts'
		]);
		const page = read(dir, 'src/routes/index.svelte');
		expect(page).toMatch(/<Greeting mochi:defer>/);
		expect(page).toMatch(/<Counter mochi:hydrate /);
		expect(read(dir, 'src/routes/index.test.ts')).toContain("expectIsland(page, 'Greeting', ");
		expect(read(dir, 'src/lib/Greeting.test.ts')).toMatch(/renderServer\(Greeting, \{ request: \{ cookies: /);
		const clientTest = read(dir, 'src/lib/Counter.test.ts');
		expect(clientTest.startsWith('// @vitest-environment jsdom\n')).toBe(true);
		expect(clientTest).toContain("from '@testing-library/svelte'");
		const action = read(dir, 'src/routes/name.svelte');
		expect(action).toMatch(/<script module lang="ts">[\s\S]*export const actions = \{[\s\S]*return fail\(400, /);
		expect(read(dir, 'src/lib/Greeting.svelte')).toContain('<form method="post" action="/name">');
	});
});

describe('the demo template', () => {
	it('is the demo site: every source file, byte for byte', () => {
		const dir = path.join(tmp, 'shop');
		const { files } = createApp({ directory: dir, template: 'demo', language: 'ts' });
		const demo = path.join(REPO, 'sites/demo');
		const sources = (fs.readdirSync(path.join(demo, 'src'), { recursive: true }) as string[])
			.filter((file) => fs.statSync(path.join(demo, 'src', file)).isFile())
			.map((file) => `src/${file.split(path.sep).join('/')}`);
		expect(sources.length).toBeGreaterThan(10);
		for (const file of sources) {
			expect(files).toContain(file);
			expect(read(dir, file), file).toBe(read(demo, file));
		}
		// The demo's tsconfig extends the monorepo's; the app's stands alone.
		expect(JSON.parse(read(dir, 'tsconfig.json')).extends).toBeUndefined();
	});
});

describe('createApp', () => {
	it('writes the framework spec it is given instead of the version range (tests use a tarball)', () => {
		const dir = path.join(tmp, 'app');
		createApp({ directory: dir, template: 'minimal', language: 'ts', framework: 'file:/tmp/mochi-framework-0.1.0.tgz' });
		expect(JSON.parse(read(dir, 'package.json')).dependencies['mochi-framework']).toBe('file:/tmp/mochi-framework-0.1.0.tgz');
	});

	it('refuses a folder name that is not a valid package name, and suggests one', () => {
		expect(() => createApp({ directory: path.join(tmp, 'My App'), template: 'minimal', language: 'ts' })).toThrow(
			new CreateError(`"My App" can't be the package name: it contains capital letters. Try "my-app" as the directory name instead.`)
		);
		expect(fs.existsSync(path.join(tmp, 'My App'))).toBe(false);
	});

	it('refuses a directory that is not empty, and writes nothing', () => {
		const dir = path.join(tmp, 'app');
		fs.mkdirSync(dir);
		fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
		expect(() => createApp({ directory: dir, template: 'minimal', language: 'ts' })).toThrow(
			`${dir} is not empty; choose another directory, or pass --force to write into it anyway`
		);
		expect(fs.readdirSync(dir)).toEqual(['notes.txt']);
	});

	it('writes into a non-empty directory with force, replacing same-named files and keeping the others', () => {
		const dir = path.join(tmp, 'app');
		fs.mkdirSync(dir);
		fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
		fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"old"}');
		createApp({ directory: dir, template: 'minimal', language: 'ts', force: true });
		expect(read(dir, 'notes.txt')).toBe('mine');
		expect(JSON.parse(read(dir, 'package.json')).name).toBe('app');
	});

	it('counts a directory holding only .git as empty', () => {
		const dir = path.join(tmp, 'app');
		fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
		fs.writeFileSync(path.join(dir, '.git/HEAD'), 'ref: refs/heads/main\n');
		createApp({ directory: dir, template: 'minimal', language: 'js' });
		expect(fs.existsSync(path.join(dir, 'package.json'))).toBe(true);
		expect(read(dir, '.git/HEAD')).toBe('ref: refs/heads/main\n');
	});

	it('refuses a file where the directory should be', () => {
		const file = path.join(tmp, 'app');
		fs.writeFileSync(file, '');
		expect(() => createApp({ directory: file, template: 'minimal', language: 'ts' })).toThrow(`${file} exists and is not a directory`);
	});

	it('says so when the templates were never generated', () => {
		const empty = path.join(tmp, 'templates');
		fs.mkdirSync(empty);
		expect(() => createApp({ directory: path.join(tmp, 'app'), template: 'demo', language: 'ts', templatesDir: empty })).toThrow(
			/the demo template \(ts\) is missing .*; run the create-mochi build first/
		);
	});
});
