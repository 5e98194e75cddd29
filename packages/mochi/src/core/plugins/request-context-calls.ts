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
	const names: Array<{ name: string; from: number }> = [];
	for (const match of code.matchAll(NAMED)) {
		if (/^import\s+type\b/.test(match[0])) continue;
		for (const specifier of match[1].split(',')) {
			const parts = specifier.trim().split(/\s+as\s+/);
			if (parts[0] === 'getRequestContext') names.push({ name: parts[1] ?? parts[0], from: match.index! });
		}
	}
	for (const match of code.matchAll(NAMESPACE)) names.push({ name: `${match[1]}.getRequestContext`, from: match.index! });
	if (names.length === 0) return null;
	let first: number | null = null;
	for (const { name, from } of names) {
		const call = new RegExp(`(?<![\\w$.])${name.replace(/[$.]/g, '\\$&')}\\s*\\(`, 'g');
		const calls = [...code.matchAll(call)].filter((m) => m.index! > from);
		// Inside `hydratable(key, fn)` it runs on the server only: the browser gets the value, never calls fn.
		const browser = calls.find((m) => !insideHydratable(code, m.index!));
		if (calls.length > 0 && !browser) continue;
		const at = browser?.index ?? from;
		if (first === null || at < first) first = at;
	}
	return first === null ? null : positionOf(code, first);
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
