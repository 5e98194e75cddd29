// `mochi check` on two real apps: one that uses every island form correctly (no errors), one with a
// mistake of each kind, each reported at the line the user wrote it on.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/app.js';

const exec = promisify(execFile);
const CLI = path.join(REPO, 'packages/mochi/bin/mochi.js');
const apps = path.join(REPO, 'tests/apps');

async function check(app: string): Promise<{ code: number; output: string }> {
	try {
		const { stdout, stderr } = await exec(process.execPath, [CLI, 'check'], { cwd: path.join(apps, app), timeout: 90_000 });
		return { code: 0, output: stdout + stderr };
	} catch (error) {
		const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
		return { code, output: stdout + stderr };
	}
}

/** `file:line:col` and the message line after it, for every diagnostic printed. */
function diagnostics(output: string, root: string): string[] {
	const found: string[] = [];
	const lines = output.split('\n');
	lines.forEach((line, i) => {
		if (line.startsWith(root + path.sep)) found.push(`${path.relative(root, line).split(path.sep).join('/')} ${lines[i + 1]}`);
	});
	return found;
}

describe('mochi check', () => {
	it('passes an app that uses every island form correctly', async () => {
		const { code, output } = await check('typecheck-ok');
		expect(output).toContain('mochi check found 0 errors and 0 warnings');
		expect(code).toBe(0);
		expect(fs.existsSync(path.join(apps, 'typecheck-ok/.mochi/check')), 'the mirror is removed').toBe(false);
	}, 120_000);

	it('reports each mistake in the bad app at its original file and line', async () => {
		const root = path.join(apps, 'typecheck-bad');
		const { code, output } = await check('typecheck-bad');
		expect(code).toBe(1);
		expect(diagnostics(output, root)).toEqual([
			"src/routes/about.svelte:3:8 Error: Type 'string' is not assignable to type 'number'. (ts)",
			// A deferred island's prop of the wrong type.
			"src/routes/index.svelte:7:21 Error: Type 'number' is not assignable to type 'string'. (ts)",
			// A hydrated island's prop of the wrong type.
			"src/routes/index.svelte:8:24 Error: Type 'string' is not assignable to type 'number'. (ts)",
			// A required prop missing.
			"src/routes/index.svelte:9:1 Error: Property 'user' is missing in type '{ size: number; }' but required in type '$$ComponentProps'. (ts)",
			'src/routes/index.svelte:10:1 Error: <Avatar mochi:defr>: unknown directive mochi:defr; did you mean mochi:defer? (mochi)',
			// In a tag written over several lines: on the attribute's own line.
			"src/routes/index.svelte:13:2 Error: Type 'string' is not assignable to type 'number'. (ts)",
			// A client-only island's prop of the wrong type.
			"src/routes/index.svelte:19:23 Error: Type 'string' is not assignable to type 'number'. (ts)",
			// Entries<{ slug: string }>: params are strings.
			"src/routes/posts/[slug].svelte:4:61 Error: Type 'number' is not assignable to type 'string'. (ts)",
			// PageProps<typeof actions>: `form` is what the actions return, nothing else.
			"src/routes/sign-in.svelte:17:11 Error: Property 'nope' does not exist on type '{ missing: boolean; }'. (ts)"
		]);
		expect(output).toContain('mochi check found 9 errors and 0 warnings in 4 files');
		// Nothing about the island syntax itself: svelte-check saw the rewritten islands.
		expect(output).not.toMatch(/children|attribute_illegal_colon|"mochi:/);
	}, 120_000);

	it("type-checks the ok app's .ts files with plain tsc (getRequestContext and RequestContext are typed)", async () => {
		const tsc = path.join(apps, 'typecheck-ok/node_modules/typescript/bin/tsc');
		const { stdout } = await exec(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json'], { cwd: path.join(apps, 'typecheck-ok'), timeout: 90_000 });
		expect(stdout).toBe('');
	}, 120_000);
});
