// Run an app's own `vitest run` in a child process, as its `npm test` would, and read its JSON report.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

interface Report {
	success: boolean;
	numTotalTests: number;
	numPassedTests: number;
	testResults: Array<{ name: string; assertionResults: Array<{ title: string; status: string; failureMessages: string[] }> }>;
}

/** `[file, test, status, failure]` for every test the app ran, sorted, and the run's totals. */
export async function vitestRun(root: string): Promise<{ tests: string[][]; total: number; passed: number; success: boolean }> {
	// This process's VITEST_* variables and NODE_ENV would make the child think it is a worker of ours.
	const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_ENV'));
	const output = path.join(mkdtempSync(path.join(tmpdir(), 'mochi-vitest-report-')), 'report.json');
	const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
	let failure = '';
	try {
		await run(process.execPath, [vitest, 'run', '--reporter=json', `--outputFile=${output}`], { cwd: root, env, timeout: 120_000 });
	} catch (error) {
		const failed = error as { stdout?: string; stderr?: string; message: string };
		failure = `${failed.message}\n${failed.stdout ?? ''}${failed.stderr ?? ''}`;
	}
	let report: Report;
	try {
		report = JSON.parse(readFileSync(output, 'utf8')) as Report;
	} catch {
		// Failing tests still write a report; only a crash or the timeout leaves none.
		throw new Error(`vitest run in ${root} wrote no report:\n${failure}`);
	}
	const tests = report.testResults.flatMap((file) =>
		file.assertionResults.map((test) => [path.relative(root, file.name), test.title, test.status, test.failureMessages.join('\n')])
	);
	return { tests: tests.sort(), total: report.numTotalTests, passed: report.numPassedTests, success: report.success };
}

/** What the component-tests fixture's own suite holds. */
export const FIXTURE_TESTS = [
	['src/lib/Avatar.test.ts', 'asks strangers to sign in', 'passed', ''],
	['src/lib/Avatar.test.ts', 'greets the visitor named in their cookie', 'passed', ''],
	['src/lib/Avatar.test.ts', 'records the headers and cookies it set', 'passed', ''],
	['src/lib/Counter.test.ts', 'counts clicks from its start', 'passed', ''],
	['src/lib/headroom.test.ts', 'gets 30 s from mochi()', 'passed', ''],
	['src/routes/index.test.ts', 'defers the avatar, with its props and a fallback', 'passed', ''],
	['src/routes/index.test.ts', 'renders the counter in place, ready to hydrate', 'passed', '']
];
