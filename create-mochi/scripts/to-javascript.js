// TypeScript → JavaScript for the `-js` templates: types stripped, everything else kept as written.
// `verbatimModuleSyntax` keeps every import that isn't `import type`, which matters in .svelte files,
// where a component imported in the script is used only in the markup TypeScript never sees.
import ts from 'typescript';

const BLANK = '//__mochi_blank_line__';

/** The JavaScript of a .ts module, with the source's blank lines and tab indentation. */
export function stripTypes(code, fileName = 'module.ts') {
	// TypeScript's printer drops blank lines; mark them as comments, which it keeps, and restore them after.
	const marked = code.replace(/^[ \t]*$/gm, BLANK);
	const { outputText } = ts.transpileModule(marked, {
		fileName,
		reportDiagnostics: false,
		compilerOptions: {
			target: ts.ScriptTarget.ESNext,
			module: ts.ModuleKind.ESNext,
			verbatimModuleSyntax: true,
			newLine: ts.NewLineKind.LineFeed
		}
	});
	return outputText
		.split('\n')
		.map((line) => (line.trim() === BLANK ? '' : line.replace(/^((?: {4})+)/, (spaces) => '\t'.repeat(spaces.length / 4))))
		// Added when only type imports were left; ESM files are modules anyway, and Svelte scripts must not export.
		.filter((line) => line !== 'export {};')
		.join('\n')
		.replace(/\}\n(\t*)else\b/g, '} else') // the printer puts `else` on its own line
		.replace(/\n{3,}/g, '\n\n') // a removed interface leaves its blank lines behind
		.replace(/^\n+/, '')
		.replace(/\n*$/, '\n');
}

/** A .svelte file with every `<script lang="ts">` turned into plain JavaScript. */
export function svelteToJavaScript(source, fileName = 'Component.svelte') {
	return source.replace(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g, (whole, attributes = '', body) => {
		if (!/\slang=["']ts["']/.test(attributes)) return whole;
		const plainAttributes = attributes.replace(/\s+lang=["']ts["']/, '');
		// Script bodies are indented one tab inside the tag: strip types from the dedented code, then indent again.
		const dedented = body.replace(/^\t/gm, '');
		const code = stripTypes(dedented, `${fileName}.ts`).trimEnd();
		const indented = code
			.split('\n')
			.map((line) => (line ? `\t${line}` : line))
			.join('\n');
		return `<script${plainAttributes}>\n${indented}\n</script>`;
	});
}
