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
 * The first call of `getRequestContext` (under whatever local name it was imported), else the import
 * itself; null when the module doesn't import it (a type-only import brings no function to call).
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
		call.lastIndex = from;
		const found = [...code.matchAll(call)].find((m) => m.index! > from);
		const at = found?.index ?? from;
		if (first === null || at < first) first = at;
	}
	return positionOf(code, first!);
}

function positionOf(code: string, offset: number): SourcePosition {
	const before = code.slice(0, offset).split('\n');
	return { line: before.length, column: before[before.length - 1].length + 1 };
}
