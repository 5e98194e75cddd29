// Which client island is hydrating right now, so that `getRequestContext()` called in the browser
// (exports/index-browser.ts) can say which component did it. Set by hydrate.ts around Svelte's `hydrate()`,
// which runs a component's <script> synchronously. On globalThis: the island's chunk and the copy of
// `mochi-framework` it imports may be two module instances.

const KEY = Symbol.for('mochi-framework.hydrating-island');
const holder = globalThis as typeof globalThis & { [KEY]?: string | null };

/** The start of the browser's getRequestContext() error: the client build looks for it to know that code still calls it. */
export const BROWSER_CONTEXT_ERROR = 'getRequestContext() was called in the browser';

export function hydratingIsland(): string | null {
	return holder[KEY] ?? null;
}

/** Run `hydrate` noting `name` as the island being hydrated (and restore what was there: nesting). */
export function whileHydrating<T>(name: string | null, hydrate: () => T): T {
	const previous = holder[KEY] ?? null;
	holder[KEY] = name;
	try {
		return hydrate();
	} finally {
		holder[KEY] = previous;
	}
}
