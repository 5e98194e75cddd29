// Turns an island's attributes into the source of a props object literal. Expressions are copied
// verbatim from the source, so they are evaluated exactly where and as often as Svelte would.
import type { AST } from 'svelte/compiler';
import { PREFIX } from './directives.js';
import { es } from './parse.js';
import { expressionText } from './scan.js';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * `{ id: user.id, size: "small", user, ...rest, label: `hi ${user.name}!` }`, in source order.
 * Only attributes and spreads are read: directives are reported as errors before we get here.
 */
export function buildProps(source: string, attributes: AST.Component['attributes']): string {
	const entries: string[] = [];
	for (const attribute of attributes) {
		if (attribute.type === 'SpreadAttribute') {
			entries.push(`...${expressionText(source, es(attribute.expression))}`);
		} else if (attribute.type === 'Attribute' && !attribute.name.startsWith(PREFIX)) {
			entries.push(entry(source, attribute));
		}
	}
	return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}

function entry(source: string, attribute: AST.Attribute): string {
	const { name, value } = attribute;
	const key = IDENTIFIER.test(name) ? name : JSON.stringify(name);
	// Shorthand `{user}`: the only attribute form that starts with a brace.
	if (source[attribute.start] === '{') return name;
	return `${key}: ${valueText(source, value)}`;
}

function valueText(source: string, value: AST.Attribute['value']): string {
	if (value === true) return 'true';
	if (!Array.isArray(value)) return expressionText(source, es(value.expression));
	// `a="{x}"` passes `x` itself, not its string, in Svelte 5 (the `attribute_quoted` warning).
	if (value.length === 1 && value[0].type === 'ExpressionTag') return expressionText(source, es(value[0].expression));
	if (value.every((part) => part.type === 'Text')) return JSON.stringify(value.map((part) => part.data).join(''));
	const parts = value.map((part) =>
		part.type === 'Text' ? escapeTemplate(part.data) : `\${${expressionText(source, es(part.expression))}}`
	);
	return `\`${parts.join('')}\``;
}

/** Escapes text for a template literal. `\r` too: template literals would turn CRLF into LF. */
function escapeTemplate(text: string): string {
	return text.replace(/\\|`|\$\{|\r/g, (match) => (match === '\r' ? '\\r' : `\\${match}`));
}
