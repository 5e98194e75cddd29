// Shared by the suites on malformed input (tests/apps/input, built): the app, and what it logged.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { REPO, type RunningApp } from '../helpers/app.js';
import { waitFor } from '../helpers/wait.js';
import { get } from './support.js';

export const INPUT = path.join(REPO, 'tests/apps/input');

/**
 * What the server printed since `from` (an earlier `app.output().length`). It asks `/api/mark` to
 * print a line and waits for it: the server's log and the app's console share stdout, so every line
 * logged for earlier requests is in by then.
 */
export async function loggedSince(app: RunningApp, from: number): Promise<string> {
	const id = randomUUID();
	await get(app, `/api/mark?id=${id}`);
	const line = `[mark] ${id}`;
	await waitFor(() => app.output().includes(line), { what: `"${line}" in the server output`, timeout: 10_000 });
	return app.output().slice(from).replace(/\[mark\] [\w-]+\n?/g, '');
}

/** A stack trace, or a failure line: neither may appear for a client's mistake. */
export function expectQuiet(log: string): void {
	const offending = log.split('\n').filter((line) => /^\s+at /.test(line) || /failed/i.test(line) || /Error/.test(line));
	if (offending.length > 0) throw new Error(`expected no failure in the server log, got:\n${offending.join('\n')}\n--- full ---\n${log}`);
}
