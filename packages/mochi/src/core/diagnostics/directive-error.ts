// A misused `mochi:*` directive, as the Vite error it becomes in dev and at build: one message listing
// every mistake in the file, the first one's place (`id`, `loc`) and a code frame of the user's lines.
// No stack: where the check ran in the framework says nothing about the user's code.
import { formatErrors, type PreprocessError } from '../../preprocess/index.js';
import { codeFrame } from './code-frame.js';

export const DIRECTIVE_PLUGIN = 'mochi:islands';

export interface SourceError extends Error {
	id: string;
	plugin: string;
	loc: { file: string; line: number; column: number };
	frame: string;
}

/** `errors` are one file's, as `findIslands`/`preprocessIslands` return them; `source` is that file's text. */
export function directiveError(errors: PreprocessError[], source: string): SourceError {
	const first = errors[0];
	// Rollup counts columns from 0; the preprocessor's messages, like editors, from 1.
	const loc = { file: first.filename, line: first.line, column: first.column - 1 };
	const error = new Error(formatErrors(errors)) as SourceError;
	error.stack = `Error: ${error.message}`;
	return Object.assign(error, { id: first.filename, plugin: DIRECTIVE_PLUGIN, loc, frame: codeFrame(source, loc, 'vite') });
}
