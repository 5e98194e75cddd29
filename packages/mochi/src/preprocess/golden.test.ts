// Golden tests: every folder in fixtures/ holds an input.svelte and what preprocessing it must give.
// `UPDATE_GOLDEN=1 npx vitest run src/preprocess` rewrites the expected files; read the diff before
// keeping it — a golden file is a claim that the output is right, not a record of what it was.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, parse } from 'svelte/compiler';
import { describe, expect, test } from 'vitest';
import { findIslands, preprocessIslands } from './index.js';
import { blankStyles } from './parse.js';

const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const ROOT = '/app';

for (const name of readdirSync(FIXTURES).sort()) {
	describe(name, () => {
		const dir = join(FIXTURES, name);
		const input = readFileSync(join(dir, 'input.svelte'), 'utf8');
		// A fixture may live elsewhere in the app (a layout, say) via options.json.
		const { file = 'src/routes/index.svelte' } = readJson(join(dir, 'options.json')) ?? {};
		const options = { filename: `${ROOT}/${file}`, root: ROOT };
		const result = preprocessIslands(input, options);

		test('output', () => golden(join(dir, 'output.svelte'), result.code));
		test('islands', () => goldenJson(join(dir, 'islands.json'), result.islands));
		test('errors', () => goldenJson(join(dir, 'errors.json'), result.errors));

		test('findIslands agrees with preprocessIslands', () => {
			expect(findIslands(input, options)).toEqual({ islands: result.islands, errors: result.errors });
		});

		if (result.errors.length === 0) {
			test('output parses and compiles for the server', () => {
				// Style languages are vite-plugin-svelte's business, not ours: check with them blanked.
				const code = blankStyles(result.code);
				parse(code, { modern: true, filename: options.filename });
				// `{@html await …}` (client islands) needs Svelte's async mode, which Mochi switches on.
				compile(code, { generate: 'server', filename: options.filename, experimental: { async: true } });
			});
		}
	});
}

function golden(path: string, actual: string): void {
	if (UPDATE) writeFileSync(path, actual);
	expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** Absent file = empty list, so a fixture only carries the JSON that says something. */
function goldenJson(path: string, actual: unknown[]): void {
	if (UPDATE) {
		if (actual.length > 0) writeFileSync(path, JSON.stringify(actual, null, '\t') + '\n');
		else rmSync(path, { force: true });
	}
	expect(actual).toEqual(readJson(path) ?? []);
}

function readJson(path: string) {
	return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}
