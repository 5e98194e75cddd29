// What a child process prints, as a test reads it: stdout and stderr in the order they came, without the
// terminal's colour codes. Vite and picocolors colour their output whenever CI is set in the environment
// (as on the CI machine), which splits "127.0.0.1:PORT" into pieces a plain toContain() cannot match.
import type { ChildProcess } from 'node:child_process';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

export const withoutAnsi = (text: string): string => text.replace(ANSI, '');

/** Collects the child's stdout and stderr; `output()` is everything so far, colour codes removed. */
export function collectOutput(child: ChildProcess): () => string {
	let output = '';
	child.stdout?.on('data', (chunk) => (output += chunk));
	child.stderr?.on('data', (chunk) => (output += chunk));
	return () => withoutAnsi(output);
}
