// Runs svelte-check on the mirror and reads its machine output. The app's own svelte-check is
// preferred (the version it pinned), then the one mochi-framework depends on.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** One line of `--output machine-verbose`: 0-based positions, `filename` relative to the workspace. */
export interface RawDiagnostic {
	type: 'ERROR' | 'WARNING';
	filename: string;
	start: { line: number; character: number };
	end: { line: number; character: number };
	message: string;
	code?: string | number;
	source?: string;
}

export interface SvelteCheckOptions {
	root: string;
	workspace: string;
	tsconfig: string;
	svelteConfig: string;
	threshold?: 'error' | 'warning';
	failOnWarnings?: boolean;
}

export async function runSvelteCheck(options: SvelteCheckOptions): Promise<RawDiagnostic[]> {
	const args = [
		resolveSvelteCheck(options.root),
		'--workspace', options.workspace,
		'--output', 'machine-verbose',
		'--tsconfig', options.tsconfig,
		'--config', options.svelteConfig
	];
	if (options.threshold) args.push('--threshold', options.threshold);
	if (options.failOnWarnings) args.push('--fail-on-warnings');
	const { code, stdout, stderr } = await run(process.execPath, args, options.workspace);
	return parseMachineOutput(stdout, () => `svelte-check exited with code ${code}.\n${stderr || stdout}`.trim());
}

/** The diagnostics of a finished run; throws (with `failure()`) if svelte-check did not finish. */
export function parseMachineOutput(stdout: string, failure: () => string): RawDiagnostic[] {
	const diagnostics: RawDiagnostic[] = [];
	let completed = false;
	for (const line of stdout.split('\n')) {
		const match = /^\d+ (\{.*\}|COMPLETED|FAILURE)(.*)$/.exec(line.trim());
		if (!match) continue;
		if (match[1] === 'COMPLETED') completed = true;
		else if (match[1] === 'FAILURE') throw new Error(`svelte-check failed: ${JSON.parse(match[2].trim())}`);
		else diagnostics.push(JSON.parse(match[1]) as RawDiagnostic);
	}
	if (!completed) throw new Error(failure());
	return diagnostics;
}

function resolveSvelteCheck(root: string): string {
	for (const from of [path.join(root, 'package.json'), import.meta.url]) {
		let manifest: string;
		try {
			manifest = createRequire(from).resolve('svelte-check/package.json');
		} catch {
			continue;
		}
		const { bin } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { bin: string | Record<string, string> };
		return path.join(path.dirname(manifest), typeof bin === 'string' ? bin : bin['svelte-check']);
	}
	throw new Error('svelte-check is not installed. Add it to the app: npm install -D svelte-check typescript');
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}
