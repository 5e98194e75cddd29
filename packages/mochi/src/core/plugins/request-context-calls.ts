// Pure: where a module's own source calls `getRequestContext()` from `mochi-framework`, if it does. Read
// from the source as written (the transform runs before Svelte compiles), so the line is the user's own.

export interface SourcePosition {
	/** 1-based. */
	line: number;
	/** 1-based. */
	column: number;
}

const NAMED = /\bimport\s+(?:[\w$]+\s*,\s*)?\{([^}]*)\}\s*from\s*(['"])mochi-framework\2/g;
const NAMESPACE = /\bimport\s+(?:[\w$]+\s*,\s*)?\*\s*as\s+([\w$]+)\s+from\s*(['"])mochi-framework\2/g;

/**
 * The first call of `getRequestContext` (under whatever local name it was imported) that the browser
 * could run, else the import itself; null when the module doesn't import it (a type-only import brings no
 * function to call) or calls it only inside `hydratable()`.
 */
export function findRequestContextCall(code: string): SourcePosition | null {
	const offsets = requestContextCalls(code);
	return offsets.length === 0 ? null : positionOf(code, offsets[0]);
}

/** The offsets of those calls, in order (or of the import, when it is only passed around). */
function requestContextCalls(code: string): number[] {
	const names: Array<{ name: string; from: number }> = [];
	for (const match of code.matchAll(NAMED)) {
		if (/^import\s+type\b/.test(match[0])) continue;
		for (const specifier of match[1].split(',')) {
			const parts = specifier.trim().split(/\s+as\s+/);
			if (parts[0] === 'getRequestContext') names.push({ name: parts[1] ?? parts[0], from: match.index! });
		}
	}
	for (const match of code.matchAll(NAMESPACE)) names.push({ name: `${match[1]}.getRequestContext`, from: match.index! });
	const offsets: number[] = [];
	for (const { name, from } of names) {
		const call = new RegExp(`(?<![\\w$.])${name.replace(/[$.]/g, '\\$&')}\\s*\\(`, 'g');
		const calls = [...code.matchAll(call)].filter((m) => m.index! > from);
		// Inside `hydratable(key, fn)` it runs on the server only: the browser gets the value, never calls fn.
		const browser = calls.filter((m) => !insideHydratable(code, m.index!)).map((m) => m.index!);
		if (calls.length === 0) offsets.push(from);
		offsets.push(...browser);
	}
	return offsets.sort((a, b) => a - b);
}

/**
 * Whether `offset` is inside the arguments of a `hydratable(…)` call: walks back over balanced parentheses
 * to each one left open, and looks at the name before it. (Parentheses inside strings can fool it; then a
 * call is reported that wouldn't have run, which the build's message makes plain.)
 */
export function insideHydratable(code: string, offset: number): boolean {
	let depth = 0;
	for (let i = offset - 1; i >= 0; i--) {
		const char = code[i];
		if (char === ')') depth++;
		else if (char === '(') {
			if (depth > 0) depth--;
			else if (/(?<![\w$.])hydratable\s*$/.test(code.slice(Math.max(0, i - 40), i))) return true;
		}
	}
	return false;
}

function positionOf(code: string, offset: number): SourcePosition {
	const before = code.slice(0, offset).split('\n');
	return { line: before.length, column: before[before.length - 1].length + 1 };
}

export interface ImportBinding {
	/** The export's name in the imported module: `default`, `*` for a namespace, or a named export. */
	imported: string;
	/** The name in this module (`ns.` for a namespace, so that only `ns.x` counts as a use). */
	local: string;
}

/** Each static import of a module's code: its specifier and the bindings it makes. */
export function importsOf(code: string): Array<{ specifier: string; bindings: ImportBinding[] }> {
	const found: Array<{ specifier: string; bindings: ImportBinding[] }> = [];
	const statement = /\bimport\s+(?!type\b)([\w$]+\s*,?\s*)?(\{[^}]*\}|\*\s*as\s+[\w$]+)?\s*from\s*(['"])([^'"]+)\3/g;
	for (const match of code.matchAll(statement)) {
		const bindings: ImportBinding[] = [];
		const first = match[1]?.replace(/[\s,]/g, '');
		if (first) bindings.push({ imported: 'default', local: first });
		const rest = match[2] ?? '';
		if (rest.startsWith('*')) bindings.push({ imported: '*', local: `${rest.split(/\s+as\s+/)[1].trim()}.` });
		else
			for (const specifier of rest.slice(1, -1).split(',')) {
				const parts = specifier.trim().split(/\s+as\s+/);
				if (parts[0] && !parts[0].startsWith('type ')) bindings.push({ imported: parts[0], local: parts[parts.length - 1].trim() });
			}
		found.push({ specifier: match[4], bindings });
	}
	return found;
}

/**
 * Whether `code` uses any of `names` (bindings it imported) outside the function of a `hydratable()` call,
 * where the browser could run it. Its import statements themselves don't count.
 */
export function usesOutsideHydratable(code: string, names: string[]): boolean {
	const imports = [...code.matchAll(/\bimport\s[^;]*?from\s*(['"])[^'"]+\1/g)].map((m) => [m.index!, m.index! + m[0].length]);
	for (const name of names) {
		const namespace = name.endsWith('.');
		const use = new RegExp(`(?<![\\w$.])${name.replace(/[$.]/g, '\\$&')}${namespace ? '' : '(?![\\w$])'}`, 'g');
		for (const match of code.matchAll(use)) {
			if (imports.some(([from, to]) => match.index! >= from && match.index! < to)) continue;
			if (!insideHydratable(code, match.index!)) return true;
		}
	}
	return false;
}


/**
 * The exports of a module whose own declaration calls getRequestContext() (`export function currentUser()
 * { return getRequestContext()… }`), or null when the text can't tell: a call in a declaration that isn't
 * exported (a helper an export calls), or an `export { … }` / `export default`. Null counts every import of
 * the module as a way to reach the call. A declaration runs from its line to the next top-level one.
 */
export function exportsThatCall(code: string): Set<string> | null {
	const calls = requestContextCalls(code);
	if (calls.length === 0) return new Set();
	if (/\bexport\s*(\{|\*|default\b)/.test(code)) return null;
	const declarations = [...code.matchAll(/^(export\s+)?(?:async\s+)?(?:function\*?|const|let|var|class)\s+([\w$]+)/gm)];
	const names = new Set<string>();
	for (const offset of calls) {
		const index = declarations.findLastIndex((declaration) => declaration.index! <= offset);
		const declaration = declarations[index];
		// At the top level (an import passed around), or in a helper: no telling which export reaches it.
		if (!declaration || !declaration[1] || offset < declaration.index! + declaration[0].length) return null;
		names.add(declaration[2]);
	}
	return names;
}
