// Rewrites each island site into `<mochi-island {...__mochi_island(Component, {…})}>fallback</mochi-island>`.
// Only the opening and closing tags are overwritten: the children stay byte for byte, which keeps
// the sourcemap exact for them and lets islands nested in a fallback be rewritten independently.
import MagicString, { type SourceMap } from 'magic-string';
import type { AST } from 'svelte/compiler';
import type { IslandSite } from './analyze.js';
import { es } from './parse.js';
import { closingTagStart, openingTagEnd } from './scan.js';
import { buildProps } from './props.js';

/** The runtime helper, imported under a name a user is unlikely to have taken. */
export const HELPER = '__mochi_island';
const IMPORT = `import { island as ${HELPER} } from 'mochi-framework/internal';`;
const TAG = 'mochi-island';

export interface TransformOptions {
	filename: string;
	/** The file relative to the app root, baked into each island for diagnostics. */
	file: string;
}

export function transform(source: string, ast: AST.Root, sites: IslandSite[], options: TransformOptions): { code: string; map: SourceMap } {
	const s = new MagicString(source);
	for (const { node, use } of sites) {
		const props = buildProps(source, node.attributes);
		const call = `${HELPER}(${node.name}, { mode: "${use.mode}", load: "${use.load}", file: ${JSON.stringify(options.file)}, line: ${use.line}, props: ${props} })`;
		const open = `<${TAG} {...${call}}>`;
		const tag = openingTagEnd(source, node);
		if (tag.selfClosing) {
			s.overwrite(node.start, node.end, `${open}</${TAG}>`);
		} else {
			s.overwrite(node.start, tag.end, open);
			s.overwrite(closingTagStart(source, node), node.end, `</${TAG}>`);
		}
	}
	addImport(s, ast);
	return { code: s.toString(), map: s.generateMap({ hires: 'boundary', source: options.filename, includeContent: true }) };
}

function addImport(s: MagicString, ast: AST.Root): void {
	if (ast.instance) {
		// Right after `<script …>`, so it comes before any user statement; on a line of its own.
		const start = es(ast.instance.content).start;
		const after = /^\r?\n/.test(s.original.slice(start, start + 2)) ? '' : '\n';
		s.appendLeft(start, `\n\t${IMPORT}${after}`);
		return;
	}
	// A module script in TS makes the file TS; a plain instance script next to it would mismatch.
	const lang = ast.module?.attributes.some((a) => a.name === 'lang' && langValue(a) === 'ts') ? ' lang="ts"' : '';
	s.prepend(`<script${lang}>\n\t${IMPORT}\n</script>\n`);
}

function langValue(attribute: AST.Attribute): string | undefined {
	const { value } = attribute;
	return Array.isArray(value) && value[0]?.type === 'Text' ? value[0].data : undefined;
}
