// Which names a file imports statically. Only these can be islands: the build must know, before any
// request, which file each island renders, and only a static import says so.
import type { AST } from 'svelte/compiler';
import { es, parseSvelte, type EsNode } from './parse.js';
import type { PreprocessOptions } from './types.js';

export interface ImportedName {
	specifier: string;
	/** `default` for `import X from '…'` (the only form an island accepts), `named` or `namespace` otherwise. */
	kind: 'default' | 'named' | 'namespace';
}

/** Local name → how it is imported, from both `<script>` and `<script module>`. */
export function collectImports(ast: AST.Root): Map<string, ImportedName> {
	const names = new Map<string, ImportedName>();
	for (const script of [ast.module, ast.instance]) {
		for (const statement of (script?.content.body ?? []).map(es)) {
			// `import type X` is erased by TypeScript; there is nothing to render.
			if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') continue;
			const specifier = String(es(statement.source).value);
			for (const imported of statement.specifiers as EsNode[]) {
				if (imported.importKind === 'type') continue;
				const local = es(imported.local).name as string;
				names.set(local, { specifier, kind: kindOf(imported) });
			}
		}
	}
	return names;
}

function kindOf(imported: EsNode): ImportedName['kind'] {
	if (imported.type === 'ImportDefaultSpecifier') return 'default';
	if (imported.type === 'ImportNamespaceSpecifier') return 'namespace';
	// `import { default as X }` is a default import spelled the long way.
	const name = es(imported.imported);
	return name.name === 'default' || name.value === 'default' ? 'default' : 'named';
}

/**
 * The specifiers of the `.svelte` files a component imports (or re-exports) statically from its
 * scripts, in source order, each once. The build follows these from a client island's component
 * to find `mochi:*` inside its own subtree, which no single file shows. Type-only imports are left
 * out (TypeScript erases them), and so are dynamic `import()`s. A file that doesn't parse gives
 * `[]`: the Svelte compiler reports it.
 */
export function staticSvelteImports(source: string, options: PreprocessOptions): string[] {
	if (!source.includes('.svelte')) return [];
	const parsed = parseSvelte(source, options.filename);
	if (!parsed) return [];
	const specifiers = new Set<string>();
	for (const script of [parsed.ast.module, parsed.ast.instance]) {
		for (const statement of (script?.content.body ?? []).map(es)) {
			const specifier = runtimeSource(statement);
			if (specifier !== undefined && /\.svelte$/.test(specifier)) specifiers.add(specifier);
		}
	}
	return [...specifiers];
}

/** Where an `import`/`export … from` statement loads a module at runtime from, if it does. */
function runtimeSource(statement: EsNode): string | undefined {
	const { type } = statement;
	if (type !== 'ImportDeclaration' && type !== 'ExportNamedDeclaration' && type !== 'ExportAllDeclaration') return undefined;
	if (!statement.source || statement.importKind === 'type' || statement.exportKind === 'type') return undefined;
	// `import { type A, type B } from` names nothing that exists at runtime; `import './A.svelte'` does run it.
	const specifiers = (statement.specifiers ?? []) as EsNode[];
	if (specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type')) return undefined;
	return String(es(statement.source).value);
}
