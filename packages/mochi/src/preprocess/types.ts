import type { SourceMap } from 'magic-string';

export interface PreprocessOptions {
	/** Absolute path of the `.svelte` file, as Vite gives it. */
	filename: string;
	/** The app root; `file` in the generated code and in messages is relative to it. */
	root: string;
}

/**
 * One island in a file: `<X mochi:defer …>`, `<X mochi:hydrate …>` or both. `line` and `column` are
 * 1-based and point at the `<` of its opening tag.
 */
export interface IslandUse {
	/** The local name the component is imported as. */
	component: string;
	/** The import source exactly as written, e.g. `$lib/Avatar.svelte`. */
	specifier: string;
	/**
	 * `hydrate` when any `mochi:hydrate*` is present: the browser hydrates the island's HTML; `client` for
	 * `mochi:client*`: never rendered on the server, the browser mounts it in place of its children.
	 */
	mode: 'plain' | 'hydrate' | 'client';
	/** When the browser fetches a server island (`mochi:defer*`); `null` when it isn't deferred. */
	load: 'eager' | 'visible' | null;
	/** When the browser hydrates (`mochi:hydrate*`) or mounts (`mochi:client*`) it; `null` when neither. */
	hydrate: 'load' | 'visible' | 'idle' | null;
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
	| 'duplicate-directive'
	| 'directive-value'
	| 'not-static-import'
	| 'unsupported-directive'
	| 'snippet-in-fallback'
	| 'function-prop'
	| 'hydrate-children'
	| 'hydrate-nested'
	| 'defer-in-hydrated'
	| 'defer-hydrate-trigger'
	| 'enhance-not-form'
	| 'client-combination';

export interface PreprocessResult {
	code: string;
	/** `null` when nothing changed. */
	map: SourceMap | null;
	islands: IslandUse[];
	errors: PreprocessError[];
}
