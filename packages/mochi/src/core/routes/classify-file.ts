export interface FileClass {
	/** `null`: not a route. */
	kind: 'page' | 'endpoint' | null;
	/** The name without its extension: `about` for `about.svelte`. */
	base: string;
	warning?: string;
}

// SvelteKit's names would silently become routes like /+page; say what Mochi expects instead.
const SVELTEKIT_NAME = /^\+(page|layout|error|server)\b/;

/**
 * Decides what a non-`_` file under the routes folder is. `file` is its app-relative path,
 * for warnings. Anything that is not a page or an endpoint (styles, data, tests) may live next
 * to routes and is simply skipped.
 */
export function classifyFile(name: string, file: string): FileClass {
	const kitWarning = SVELTEKIT_NAME.test(name)
		? `${file} looks like a SvelteKit file; in Mochi pages are named after their URL (index.svelte, about.svelte), layouts are _layout.svelte and errors _error.svelte.`
		: undefined;

	if (name.endsWith('.svelte')) {
		return { kind: 'page', base: name.slice(0, -'.svelte'.length), warning: kitWarning };
	}

	const script = /^(.*)\.(ts|js)$/.exec(name);
	if (!script) return { kind: null, base: name, warning: otherFormatWarning(name, file) };
	const base = script[1];

	// Type declarations and colocated tests are never served.
	if (name.endsWith('.d.ts') || /\.(test|spec)$/.test(base)) return { kind: null, base };

	// `x.svelte.ts` is a Svelte runes module, which belongs with components, not an endpoint at /x.svelte.
	if (base.endsWith('.svelte')) {
		return {
			kind: null,
			base,
			warning: `${file} is a Svelte module, not an endpoint, and is ignored as a route; move it to src/lib or prefix it with _.`
		};
	}
	return { kind: 'endpoint', base, warning: kitWarning };
}

// Files other frameworks route (Markdown pages, mdsvex, JSX, other module kinds): the user likely meant a
// page or an endpoint. Styles, data and images are left alone: they often sit beside the page that uses them.
const ROUTED_ELSEWHERE = /\.(md|markdown|mdx|svx|html?|jsx|tsx|vue|astro|mjs|cjs|mts|cts)$/i;

function otherFormatWarning(name: string, file: string): string | undefined {
	const extension = ROUTED_ELSEWHERE.exec(name)?.[1];
	if (!extension) return undefined;
	return `${file} is ignored: Mochi routes only .svelte pages and .ts/.js endpoints, not .${extension} files. Make it a .svelte page (or import it from one), or prefix it with _ to keep it here unrouted.`;
}
