// Which names a file imports statically. Only these can be islands: the build must know, before any
// request, which file each island renders, and only a static import says so.
import type { AST } from 'svelte/compiler';
import { es, type EsNode } from './parse.js';

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
