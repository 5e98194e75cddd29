import type { SourceMap } from 'magic-string';

export interface PreprocessOptions {
	/** Absolute path of the `.svelte` file, as Vite gives it. */
	filename: string;
	/** The app root; `file` in the generated code and in messages is relative to it. */
	root: string;
}

/** One `<X mochi:defer …>` in a file. `line` and `column` are 1-based and point at the `<` of its opening tag. */
export interface IslandUse {
	/** The local name the component is imported as. */
	component: string;
	/** The import source exactly as written, e.g. `$lib/Avatar.svelte`. */
	specifier: string;
	load: 'eager' | 'visible';
	mode: 'plain';
	line: number;
	column: number;
}

/**
 * A misuse of a `mochi:*` directive. `filename` is the file as passed in; `line`/`column` (1-based)
 * point at the opening tag; `message` reads well on its own (`file:line:col <X mochi:defer>: …`).
 */
export interface PreprocessError {
	code: PreprocessErrorCode;
	message: string;
	filename: string;
	line: number;
	column: number;
	/** The tag name as written: `Avatar`, `ui.Card`, `div`, `svelte:component`. */
	component: string;
}

export type PreprocessErrorCode =
	| 'not-a-component'
	| 'unknown-directive'
	| 'hydrate-unsupported'
	| 'duplicate-directive'
	| 'directive-value'
	| 'not-static-import'
	| 'unsupported-directive'
	| 'snippet-in-fallback'
	| 'function-prop';

export interface PreprocessResult {
	code: string;
	/** `null` when nothing changed. */
	map: SourceMap | null;
	islands: IslandUse[];
	errors: PreprocessError[];
}
