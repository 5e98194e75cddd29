// A page with form actions cannot be prerendered: `mochi build` fails naming the page. Runs on a throwaway
// copy of the basic app with one such page added.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, buildApp } from '../helpers/app.js';
import { BASIC, START_TIMEOUT } from './support.js';

const PAGE = `<script module lang="ts">
	import type { Actions } from 'mochi-framework';
	export const prerender = true;
	export const actions: Actions = { default: () => ({ ok: true }) };
</script>
<h1>prerendered with actions</h1>
`;

describe('a prerendered page with actions (build)', () => {
	let root = '';
	afterAll(() => {
		if (root) fs.rmSync(root, { recursive: true, force: true });
	});

	it('fails the build with a message naming the page', async () => {
		// Under tests/apps/ so the copy's node_modules links resolve.
		root = fs.mkdtempSync(path.join(REPO, 'tests/apps/.copy-actions-'));
		fs.cpSync(BASIC, root, { recursive: true, verbatimSymlinks: true, filter: (src) => !/[\\/](build|\.vite[^\\/]*)$/.test(src) });
		fs.writeFileSync(path.join(root, 'src/routes/signup.svelte'), PAGE);
		const outcome = await buildApp(root).then(
			(output) => ({ failed: false, output }),
			(error: { stdout?: string; stderr?: string; message?: string }) => ({ failed: true, output: `${error.stdout ?? ''}${error.stderr ?? ''}${error.message ?? ''}` })
		);
		expect(outcome.failed, outcome.output.slice(-2000)).toBe(true);
		expect(outcome.output).toMatch(/src\/routes\/signup\.svelte: a page with form actions \(export const actions\) cannot be prerendered/);
		expect(fs.existsSync(path.join(root, 'build/prerendered/signup.html'))).toBe(false);
	}, START_TIMEOUT);
});
