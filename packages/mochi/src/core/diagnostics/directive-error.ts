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
	return sourceError(formatErrors(errors), { file: first.filename, line: first.line, column: first.column, source });
}

/** Any island mistake found at a known place (1-based `line` and `column`, as the messages print them). */
export function sourceError(message: string, at: { file: string; line: number; column: number; source: string }): SourceError {
	// Rollup counts columns from 0; the preprocessor's messages, like editors, from 1.
	const loc = { file: at.file, line: at.line, column: at.column - 1 };
	const error = new Error(message) as SourceError;
	error.stack = `Error: ${message}`;
	return Object.assign(error, { id: at.file, plugin: DIRECTIVE_PLUGIN, loc, frame: codeFrame(at.source, loc, 'vite') });
}
