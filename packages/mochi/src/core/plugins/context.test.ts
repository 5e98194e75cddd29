import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPluginContext } from './context.js';
import { resolveOptions } from '../options.js';

const roots: string[] = [];
afterEach(() => {
	for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

function contextFor(files: string[]) {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mochi-context-'));
	roots.push(root);
	for (const file of files) {
		fs.mkdirSync(path.dirname(path.join(root, 'src/routes', file)), { recursive: true });
		fs.writeFileSync(path.join(root, 'src/routes', file), '');
	}
	const warnings: string[] = [];
	const context = createPluginContext(resolveOptions({}));
	context.root = root;
	context.warn = (message) => warnings.push(message);
	return { context, warnings, root };
}

describe('route warnings', () => {
	it('are said once, naming the file: not again on a rescan, nor by a second context of the same app (the second build)', () => {
		const { context, warnings, root } = contextFor(['index.svelte', 'post.md']);
		context.routes();
		context.invalidate();
		context.routes();
		const second = createPluginContext(resolveOptions({}));
		second.root = root;
		second.warn = (message) => warnings.push(message);
		second.routes();
		expect(warnings).toEqual([expect.stringMatching(/^mochi: src\/routes\/post\.md is ignored: /)]);
	});

	it('are said for a file added later, once', () => {
		const { context, warnings, root } = contextFor(['index.svelte']);
		context.routes();
		expect(warnings).toEqual([]);
		fs.writeFileSync(path.join(root, 'src/routes/page.svx'), '');
		context.invalidate();
		context.routes();
		context.invalidate();
		context.routes();
		expect(warnings).toEqual([expect.stringContaining('src/routes/page.svx is ignored')]);
	});
});
