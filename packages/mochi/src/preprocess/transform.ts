// Rewrites each island site:
// - server island (`mochi:defer`, hydrated or not):
//   `<mochi-island {...__mochi_island(Component, {…})}>fallback</mochi-island>`. Only the opening and
//   closing tags are overwritten: the children stay byte for byte, which keeps the sourcemap exact
//   for them and lets islands nested in a fallback be rewritten independently.
// - client island (`mochi:hydrate` alone): `{@html await __mochi_hydrated(Component, {…})}`. The
//   runtime renders the component as a root of its own and returns the wrapper's HTML, so what the
//   browser hydrates holds exactly the markers Svelte's `hydrate()` expects. It has no children.
// - client-only island (`mochi:client*`): `{@html __mochi_client(Component, {…})}children{@html "</mochi-island>"}`.
//   The helper writes the props block and the opening tag (as for a client island, which is why it is
//   `{@html}` and not a spread); the children stay in place, byte for byte, as the fallback.
import MagicString, { type SourceMap } from 'magic-string';
import type { AST } from 'svelte/compiler';
import type { IslandSite } from './analyze.js';
import { es } from './parse.js';
import { closingTagStart, openingTagEnd } from './scan.js';
import { buildProps } from './props.js';

/** The runtime helpers (`mochi-framework/internal` export → local name a user is unlikely to have taken). */
const HELPERS = { island: '__mochi_island', hydrated: '__mochi_hydrated', clientOnly: '__mochi_client' } as const;
const TAG = 'mochi-island';

export interface TransformOptions {
	filename: string;
	/** The file relative to the app root, baked into each island for diagnostics. */
	file: string;
}

export function transform(source: string, ast: AST.Root, sites: IslandSite[], options: TransformOptions): { code: string; map: SourceMap } {
	const s = new MagicString(source);
	const used = new Set<keyof typeof HELPERS>();
	for (const site of sites) {
		const { node, use } = site;
		const where = `file: ${JSON.stringify(options.file)}, line: ${use.line}, props: ${buildProps(source, node.attributes)}`;
		const extra = site.options === undefined ? '' : `options: ${site.options}, `;
		if (use.mode === 'client') {
			used.add('clientOnly');
			const open = `{@html ${HELPERS.clientOnly}(${node.name}, { client: "${use.hydrate}", ${extra}${where} })}`;
			const close = `{@html "</${TAG}>"}`;
			const tag = openingTagEnd(source, node);
			if (tag.selfClosing) {
				s.overwrite(node.start, node.end, open + close);
			} else {
				s.overwrite(node.start, tag.end, open);
				s.overwrite(closingTagStart(source, node), node.end, close);
			}
			continue;
		}
		if (use.load === null) {
			used.add('hydrated');
			const call = `${HELPERS.hydrated}(${node.name}, { hydrate: "${use.hydrate}", ${extra}${where} })`;
			s.overwrite(node.start, node.end, `{@html await ${call}}`);
			continue;
		}
		used.add('island');
		const call = `${HELPERS.island}(${node.name}, { mode: "${use.mode}", load: "${use.load}", ${extra}${where} })`;
		const open = `<${TAG} {...${call}}>`;
		const tag = openingTagEnd(source, node);
		if (tag.selfClosing) {
			s.overwrite(node.start, node.end, `${open}</${TAG}>`);
		} else {
			s.overwrite(node.start, tag.end, open);
			s.overwrite(closingTagStart(source, node), node.end, `</${TAG}>`);
		}
	}
	addImport(s, ast, importLine(used));
	return { code: s.toString(), map: s.generateMap({ hires: 'boundary', source: options.filename, includeContent: true }) };
}

/** One import line holding only the helpers the file uses, always in the same order. */
function importLine(used: Set<keyof typeof HELPERS>): string {
	const names = (Object.keys(HELPERS) as Array<keyof typeof HELPERS>)
		.filter((name) => used.has(name))
		.map((name) => `${name} as ${HELPERS[name]}`);
	return `import { ${names.join(', ')} } from 'mochi-framework/internal';`;
}

function addImport(s: MagicString, ast: AST.Root, line: string): void {
	if (ast.instance) {
		// Right after `<script …>`, so it comes before any user statement; on a line of its own.
		const start = es(ast.instance.content).start;
		const after = /^\r?\n/.test(s.original.slice(start, start + 2)) ? '' : '\n';
		s.appendLeft(start, `\n\t${line}${after}`);
		return;
	}
	// A module script in TS makes the file TS; a plain instance script next to it would mismatch.
	const lang = ast.module?.attributes.some((a) => a.name === 'lang' && langValue(a) === 'ts') ? ' lang="ts"' : '';
	s.prepend(`<script${lang}>\n\t${line}\n</script>\n`);
}

function langValue(attribute: AST.Attribute): string | undefined {
	const { value } = attribute;
	return Array.isArray(value) && value[0]?.type === 'Text' ? value[0].data : undefined;
}
