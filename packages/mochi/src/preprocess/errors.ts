// Errors are collected, never thrown: a file with three mistakes should cost one round trip, not three.
import type { AST } from 'svelte/compiler';
import { mochiAttributes } from './directives.js';
import { createLocator, relativeFile } from './location.js';
import type { PreprocessError, PreprocessErrorCode, PreprocessOptions } from './types.js';

export interface Reporter {
	/** The file relative to the app root, as the generated code and messages name it. */
	file: string;
	errors: PreprocessError[];
	locate: (offset: number) => { line: number; column: number };
	/** Records an error about `node`; `text` is the sentence after `file:line:col <Tag mochi:…>: `. */
	report: (node: AST.ElementLike, code: PreprocessErrorCode, text: string) => void;
}

export function createReporter(source: string, options: PreprocessOptions): Reporter {
	const file = relativeFile(options.filename, options.root);
	const locate = createLocator(source);
	const errors: PreprocessError[] = [];
	return {
		file,
		errors,
		locate,
		report(node, code, text) {
			const { line, column } = locate(node.start);
			// Name the tag as the user wrote it, with its first mochi directive, so they can find it.
			const directive = mochiAttributes(node)[0]?.name;
			const tag = directive ? `<${node.name} ${directive}>` : `<${node.name}>`;
			const message = `${file}:${line}:${column} ${tag}: ${text}`;
			errors.push({ code, message, filename: options.filename, line, column, component: node.name });
		}
	};
}

/** Every error on its own line, in source order: one message for Vite's overlay and terminal. */
export function formatErrors(errors: PreprocessError[]): string {
	return errors.map((error) => error.message).join('\n');
}
