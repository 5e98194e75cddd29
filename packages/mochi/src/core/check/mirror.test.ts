import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMirror } from './mirror.js';

let root: string;

function write(file: string, text: string): void {
	fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
	fs.writeFileSync(path.join(root, file), text);
}

beforeEach(() => {
	root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mochi-mirror-')), 'app');
	write('package.json', '{ "type": "module" }');
	write('tsconfig.json', '{ "extends": "../base.json" }');
	write('svelte.config.js', 'export default {};');
	write('src/routes/index.svelte', `<script lang="ts">\n\timport A from '$lib/A.svelte';\n</script>\n<A mochi:defer x="1">…</A>\n`);
	write('src/lib/A.svelte', '<p>a</p>\n');
	write('src/lib/util.ts', 'export const x = 1;\n');
	write('static/robots.txt', '');
	write('build/index.js', '');
	write('.git/HEAD', '');
	write('node_modules/svelte/package.json', '{}');
});

afterEach(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }));

describe('createMirror', () => {
	it('writes src/ through the preprocessor and copies the rest of it', () => {
		const mirror = createMirror({ root });
		expect(mirror.dir).toBe(path.join(root, '.mochi', 'check'));
		const page = fs.readFileSync(path.join(mirror.dir, 'src/routes/index.svelte'), 'utf8');
		expect(page).toContain('__mochi_island(A, {');
		expect(fs.readFileSync(path.join(mirror.dir, 'src/lib/A.svelte'), 'utf8')).toBe('<p>a</p>\n');
		expect(fs.lstatSync(path.join(mirror.dir, 'src/lib/util.ts')).isSymbolicLink()).toBe(false);
		expect([...mirror.svelte.keys()].sort()).toEqual([path.join('src', 'lib', 'A.svelte'), path.join('src', 'routes', 'index.svelte')]);
	});

	it('links node_modules and other folders, and leaves out build output, .git and svelte.config', () => {
		const { dir } = createMirror({ root });
		expect(fs.lstatSync(path.join(dir, 'node_modules')).isSymbolicLink()).toBe(true);
		expect(fs.lstatSync(path.join(dir, 'static')).isSymbolicLink()).toBe(true);
		for (const name of ['build', '.git', '.mochi', 'svelte.config.js']) expect(fs.existsSync(path.join(dir, name))).toBe(false);
		expect(fs.existsSync(path.join(dir, 'package.json'))).toBe(true);
	});

	it("uses the app's tsconfig, its extends rebased, and a svelte.config of its own", () => {
		const mirror = createMirror({ root });
		expect(mirror.tsconfig).toBe(path.join(mirror.dir, 'tsconfig.json'));
		expect(fs.readFileSync(mirror.tsconfig, 'utf8')).toBe('{ "extends": "../../../base.json" }');
		expect(mirror.svelteConfig).toBe(path.join(mirror.dir, 'svelte.config.mjs'));
		expect(fs.readFileSync(mirror.svelteConfig, 'utf8')).toContain('svelte.config.js');
	});

	it('writes a default tsconfig for an app without one', () => {
		fs.rmSync(path.join(root, 'tsconfig.json'));
		const mirror = createMirror({ root });
		expect(JSON.parse(fs.readFileSync(mirror.tsconfig, 'utf8')).compilerOptions.paths.$lib).toEqual(['./src/lib']);
	});

	it('takes --tsconfig relative to the app, and only inside it', () => {
		write('tsconfig.check.json', '{}');
		expect(createMirror({ root, tsconfig: 'tsconfig.check.json' }).tsconfig).toBe(path.join(root, '.mochi/check/tsconfig.check.json'));
		expect(() => createMirror({ root, tsconfig: '../tsconfig.json' })).toThrow(/inside the app/);
		expect(() => createMirror({ root, tsconfig: 'nope.json' })).toThrow(/does not exist/);
	});

	it('starts over each run: a deleted file does not linger', () => {
		createMirror({ root });
		fs.rmSync(path.join(root, 'src/lib/util.ts'));
		const { dir } = createMirror({ root });
		expect(fs.existsSync(path.join(dir, 'src/lib/util.ts'))).toBe(false);
	});
});
