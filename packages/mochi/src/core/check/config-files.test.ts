import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isInside, rebaseTsconfig, writeSvelteConfig } from './config-files.js';

const root = path.resolve('/repo/apps/web');
const mirror = path.join(root, '.mochi', 'check');

describe('rebaseTsconfig', () => {
	it('rewrites a relative extends that leaves the app, so the mirror reaches the same file', () => {
		const text = '{\n\t// shared settings\n\t"extends": "../../tsconfig.base.json",\n\t"include": ["src"],\n}';
		expect(rebaseTsconfig(text, root, mirror, root)).toBe(
			'{\n\t// shared settings\n\t"extends": "../../../../tsconfig.base.json",\n\t"include": ["src"],\n}'
		);
	});

	it('keeps an extends inside the app (mirrored too) and one naming a package', () => {
		expect(rebaseTsconfig('{ "extends": "./tsconfig.base.json" }', root, mirror, root)).toBe('{ "extends": "./tsconfig.base.json" }');
		expect(rebaseTsconfig('{ "extends": "@tsconfig/svelte" }', root, mirror, root)).toBe('{ "extends": "@tsconfig/svelte" }');
	});

	it('rewrites each entry of an extends array', () => {
		expect(rebaseTsconfig('{ "extends": ["@a/b", "../base.json", "./local.json"] }', root, mirror, root)).toBe(
			'{ "extends": ["@a/b", "../../../base.json", "./local.json"] }'
		);
	});

	it('leaves a tsconfig without extends alone', () => {
		expect(rebaseTsconfig('{ "compilerOptions": {} }', root, mirror, root)).toBe('{ "compilerOptions": {} }');
	});
});

describe('isInside', () => {
	it('tells paths inside a directory from paths next to it', () => {
		expect(isInside(root, path.join(root, 'src/a.ts'))).toBe(true);
		expect(isInside(root, root)).toBe(true);
		expect(isInside(root, `${root}-other/a.ts`)).toBe(false);
		expect(isInside(root, path.dirname(root))).toBe(false);
	});
});

describe('writeSvelteConfig', () => {
	let dir: string | undefined;
	afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

	async function load(app: Record<string, string>) {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mochi-check-'));
		fs.mkdirSync(path.join(dir, 'mirror'));
		for (const [name, text] of Object.entries(app)) fs.writeFileSync(path.join(dir, name), text);
		const file = writeSvelteConfig(dir, path.join(dir, 'mirror'));
		return (await import(`${path.join(dir, 'mirror', path.basename(file))}?${Date.now()}`)).default;
	}

	it('turns on async, as mochi() does in Vite', async () => {
		expect(await load({})).toEqual({ compilerOptions: { experimental: { async: true } } });
	});

	it("keeps the app's own options", async () => {
		const config = await load({
			'svelte.config.mjs': 'export default { extensions: [".svelte"], compilerOptions: { runes: true, experimental: { x: 1 } } };'
		});
		expect(config).toEqual({ extensions: ['.svelte'], compilerOptions: { runes: true, experimental: { x: 1, async: true } } });
	});
});
