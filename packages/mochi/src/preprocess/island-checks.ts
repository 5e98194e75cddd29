// Checks on an element that wants to be an island. Its props travel to the server (server island)
// or the browser (client island) as data, so anything that only makes sense in the same process as
// the parent — bindings, handlers, actions, snippets — is an error here rather than a puzzling
// failure at runtime.
import type { AST } from 'svelte/compiler';
import type { Reporter } from './errors.js';
import type { ImportedName } from './imports.js';
import { es, type EsNode } from './parse.js';

/** Reports why `node` can't be an island component; the import it resolves to when it can. */
export function checkComponent(
	node: AST.ElementLike,
	imports: Map<string, ImportedName>,
	reporter: Reporter
): ImportedName | undefined {
	const hint = `island components must be imported statically, like import ${suggestedName(node)} from './${suggestedName(node)}.svelte'.`;
	if (node.type === 'SvelteComponent' || node.type === 'SvelteSelf') {
		reporter.report(node, 'not-static-import', `<${node.name}> is resolved at runtime; ${hint}`);
	} else if (node.type !== 'Component') {
		const what = node.name.startsWith('svelte:') ? 'a special Svelte element' : 'an HTML element';
		reporter.report(node, 'not-a-component', `<${node.name}> is ${what}; only components can be islands.`);
	} else if (node.name.includes('.')) {
		reporter.report(node, 'not-static-import', `${node.name} is a property of an object; ${hint}`);
	} else {
		const imported = imports.get(node.name);
		if (imported?.kind === 'default') return imported;
		const why = imported
			? `${node.name} is a ${imported.kind} import from '${imported.specifier}'`
			: `${node.name} is not imported in this file (a prop or a variable can't be an island)`;
		reporter.report(node, 'not-static-import', `${why}; ${hint}`);
	}
	return undefined;
}

function suggestedName(node: AST.ElementLike): string {
	const last = node.name.split(/[.:]/).pop() ?? 'Component';
	return /^[A-Z]/.test(last) ? last : 'Component';
}

/**
 * Where the island's props go: `server` for `mochi:defer` (hydrated or not), `client` for `mochi:hydrate`
 * alone, `client-only` for `mochi:client` (the browser mounts it; nothing of it is rendered on the server).
 */
export type IslandKind = 'server' | 'client' | 'client-only';

const ROOT = 'only its props reach the browser, where it is hydrated as its own root';
const REASONS: Record<Exclude<IslandKind, 'client-only'>, Record<string, string>> = {
	server: {
		BindDirective: 'its props are serialized and sent to the server.',
		OnDirective: "event handlers are functions, and functions can't be serialized.",
		UseDirective: 'actions run in the browser, but a server island renders on the server.',
		AttachTag: 'attachments run in the browser, but a server island renders on the server.',
		TransitionDirective: 'transitions run in the browser, but a server island renders on the server.',
		AnimateDirective: 'animations run in the browser, but a server island renders on the server.',
		LetDirective: 'slot props exist only where the island renders, on the server.',
		ClassDirective: "directives aren't props, so they can't be sent to the server; pass a prop instead.",
		StyleDirective: "directives aren't props, so they can't be sent to the server; pass a prop instead."
	},
	client: {
		BindDirective: `${ROOT}, so a binding can't reach this page.`,
		OnDirective: "event handlers are functions, and functions can't be serialized.",
		UseDirective: `${ROOT}; use the action inside the component.`,
		AttachTag: `${ROOT}; attach inside the component.`,
		TransitionDirective: `${ROOT}; put the transition inside the component.`,
		AnimateDirective: `${ROOT}; put the animation inside the component.`,
		LetDirective: "a client island can't have children, so slot props have nowhere to go.",
		ClassDirective: "directives aren't props, so they can't be sent to the browser; pass a prop instead.",
		StyleDirective: "directives aren't props, so they can't be sent to the browser; pass a prop instead."
	}
};

/** A client-only island is mounted where a client island is hydrated; and its children are the page's own. */
const CLIENT_ONLY: Record<string, string> = {
	...Object.fromEntries(Object.entries(REASONS.client).map(([type, reason]) => [type, reason.replace('hydrated', 'mounted')])),
	LetDirective: "the children of a client-only island are this page's fallback, so there are no slot props to take."
};

/** Directives, attachments and visibly-function props among the island's attributes. */
export function checkAttributes(node: AST.Component, source: string, kind: IslandKind, reporter: Reporter): void {
	for (const attribute of node.attributes) {
		if (attribute.type === 'Attribute') {
			const expression = singleExpression(attribute.value);
			if (expression && isFunction(expression)) reportFunction(node, attribute.name, reporter);
		} else if (attribute.type === 'SpreadAttribute') {
			// `{...{ onclick() {} }}` is as visibly a function as `onclick={() => {}}`.
			for (const [name, value] of objectLiteralEntries(es(attribute.expression))) {
				if (isFunction(value)) reportFunction(node, name, reporter);
			}
		} else {
			// As written, up to its value: `bind:value`, `on:click|once`.
			const written =
				attribute.type === 'AttachTag' ? '{@attach …}' : /^[^\s=]+/.exec(source.slice(attribute.start, attribute.end))![0];
			const reason = (kind === 'client-only' ? CLIENT_ONLY : REASONS[kind])[attribute.type];
			reporter.report(node, 'unsupported-directive', `${written} can't be used on a ${kind} island — ${reason}`);
		}
	}
}

function reportFunction(node: AST.Component, name: string, reporter: Reporter): void {
	reporter.report(node, 'function-prop', `prop ${name} is a function; functions can't be serialized.`);
}

function singleExpression(value: AST.Attribute['value']): EsNode | undefined {
	if (value === true) return undefined;
	if (!Array.isArray(value)) return es(value.expression);
	return value.length === 1 && value[0].type === 'ExpressionTag' ? es(value[0].expression) : undefined;
}

const TS_WRAPPERS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion']);

function isFunction(node: EsNode): boolean {
	while (TS_WRAPPERS.has(node.type)) node = es(node.expression);
	return node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression';
}

function objectLiteralEntries(node: EsNode): Array<[string, EsNode]> {
	if (node.type !== 'ObjectExpression') return [];
	return (node.properties as EsNode[])
		.filter((property) => property.type === 'Property' && !property.computed)
		.map((property) => {
			const key = es(property.key);
			return [String(key.name ?? key.value), es(property.value)];
		});
}

/** Snippets and named slots passed as children would be props; the children are only the fallback. */
export function checkFallback(node: AST.Component, kind: 'server island' | 'client-only island', reporter: Reporter): void {
	const until = kind === 'server island' ? 'it loads' : 'it mounts';
	const why = `can't be passed to a ${kind} — the children of a ${kind} are only its fallback, shown until ${until}`;
	for (const child of node.fragment.nodes) {
		if (child.type === 'SnippetBlock') {
			reporter.report(node, 'snippet-in-fallback', `{#snippet ${child.expression.name}()} ${why}; snippets can't be serialized.`);
		} else if ('attributes' in child && child.attributes.some((a) => a.type === 'Attribute' && a.name === 'slot')) {
			reporter.report(node, 'snippet-in-fallback', `<${child.name} slot> ${why}; slotted content can't be serialized.`);
		}
	}
}
