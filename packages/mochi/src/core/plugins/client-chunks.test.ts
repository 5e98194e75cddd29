import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clientModuleSideEffects, fixManifestPlaceholders } from './client-chunks.js';

describe('clientModuleSideEffects', () => {
	it('frees only Svelte\'s client runtime modules, on either separator', () => {
		expect(clientModuleSideEffects('/app/node_modules/svelte/src/internal/client/dom/blocks/each.js')).toBe(false);
		expect(clientModuleSideEffects('C:\\app\\node_modules\\svelte\\src\\internal\\client\\index.js')).toBe(false);
		// Imported for their effect: kept.
		expect(clientModuleSideEffects('/app/node_modules/svelte/src/internal/disclose-version.js')).toBe(true);
		expect(clientModuleSideEffects('/app/node_modules/svelte/src/internal/flags/async.js')).toBe(true);
		expect(clientModuleSideEffects('/app/src/lib/client/internal/thing.js')).toBe(true);
		expect(clientModuleSideEffects('virtual:mochi/island/Counter')).toBe(true);
	});
});

describe('fixManifestPlaceholders', () => {
	let dir: string | undefined;
	afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));
	const write = (manifest: unknown) => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mochi-manifest-'));
		const file = path.join(dir, 'manifest.json');
		fs.writeFileSync(file, JSON.stringify(manifest));
		return file;
	};

	it('puts the real file in place of a placeholder name and leaves other names alone', () => {
		const file = write({ runtime: { file: 'a/runtime-x.js', assets: ['a/client-island-!~{00h}~.js', 'a/logo-1.svg'] } });
		fixManifestPlaceholders(file, (name) => (name === 'a/client-island-!~{00h}~.js' ? 'a/client-island-Abc.js' : undefined));
		expect(JSON.parse(fs.readFileSync(file, 'utf8')).runtime.assets).toEqual(['a/client-island-Abc.js', 'a/logo-1.svg']);
	});

	it('refuses a placeholder it cannot fill rather than leave a name of no file', () => {
		const file = write({ runtime: { file: 'a/runtime-x.js', assets: ['a/other-!~{01}~.js'] } });
		expect(() => fixManifestPlaceholders(file, () => undefined)).toThrow(/other-!~\{01\}~\.js for runtime/);
	});

	it('does nothing without a manifest, or without placeholders', () => {
		expect(() => fixManifestPlaceholders(path.join(os.tmpdir(), 'no-such-dir-mochi', 'manifest.json'), () => undefined)).not.toThrow();
		const file = write({ runtime: { file: 'a/runtime-x.js', assets: ['a/logo.svg'] } });
		const before = fs.readFileSync(file, 'utf8');
		fixManifestPlaceholders(file, () => undefined);
		expect(fs.readFileSync(file, 'utf8')).toBe(before);
	});
});
