// `mochi check`: svelte-check for a Mochi app. svelte-check reads .svelte files as written, where
// `<Avatar mochi:defer user={id}>Loading…</Avatar>` looks like an Avatar with a `mochi:defer` prop and
// children it doesn't take. So it is run on a mirror of the app whose .svelte files went through the
// island preprocessor (mirror.ts), where islands are typed calls checked against each component's own
// props (runtime/server/islands), and what it says is mapped back to the app's files (diagnostics.ts).
import fs from 'node:fs';
import path from 'node:path';
import { createDiagnosticMapper, fromPreprocessError, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { createMirror } from './mirror.js';
import { count, formatDiagnostic, formatSummary, type Counts } from './report.js';
import { runSvelteCheck } from './run-svelte-check.js';
import { browserGraphDiagnostics } from './browser-graph.js';
import { checkWarningFilter } from '../route-warnings.js';

export interface CheckOptions {
	root: string;
	/** A tsconfig other than `<root>/tsconfig.json`, relative to the root. */
	tsconfig?: string;
	/** `error` leaves warnings out, as svelte-check's `--threshold`. */
	threshold?: 'error' | 'warning';
	/** Warnings fail the check too. */
	failOnWarnings?: boolean;
	/** Where the report goes; stdout by default. */
	write?: (text: string) => void;
}

export interface CheckResult extends Counts {
	diagnostics: Diagnostic[];
	ok: boolean;
}

export async function checkApp(options: CheckOptions): Promise<CheckResult> {
	const { root, threshold, failOnWarnings } = options;
	const write = options.write ?? ((text: string) => void process.stdout.write(text));
	const mirror = createMirror({ root, tsconfig: options.tsconfig });
	let diagnostics: Diagnostic[];
	try {
		const raw = (await runSvelteCheck({ root, workspace: mirror.dir, tsconfig: mirror.tsconfig, svelteConfig: mirror.svelteConfig, threshold, failOnWarnings }))
			// Svelte's "only captures the initial value" is noise in route components (route-warnings.ts).
			.filter(checkWarningFilter(root, mirror.svelte.keys()));
		const own = [...mirror.svelte.values()].flatMap((file) => file.errors.map((error) => fromPreprocessError(error, root)));
		const mapped = raw.map(createDiagnosticMapper(mirror, root)).filter((d): d is Diagnostic => d !== null);
		// After svelte-check, not beside it: the machine may have two cores, and a build is no lighter.
		const browser = await browserGraphDiagnostics(root);
		diagnostics = sortDiagnostics([...own, ...mapped, ...browser]);
	} finally {
		// Not left behind: test runners and watchers that glob the app would find a second copy of it.
		fs.rmSync(mirror.dir, { recursive: true, force: true });
		removeIfEmpty(path.dirname(mirror.dir));
	}
	const counts = count(diagnostics);
	for (const diagnostic of diagnostics) write(`${formatDiagnostic(diagnostic)}\n`);
	if (counts.files) write('====================================\n');
	write(`${formatSummary(counts)}\n`);
	const ok = counts.errors === 0 && !(failOnWarnings && counts.warnings > 0);
	return { ...counts, diagnostics, ok };
}

/** `.mochi/` is shared with other tools of Mochi: removed only when `mochi check` was its sole user. */
function removeIfEmpty(dir: string): void {
	try {
		fs.rmdirSync(dir);
	} catch {
		// Not empty, or already gone: either way nothing of ours is left.
	}
}
