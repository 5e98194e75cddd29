// Source scans for what the AST doesn't say: where an opening tag ends, where a closing tag starts,
// and the exact text of an expression.
import type { AST } from 'svelte/compiler';
import type { EsNode } from './parse.js';

/**
 * Where the opening tag of `node` ends (just past its `>`), and whether it was `/>`. Between the
 * last attribute and `>` there can only be whitespace and — since Svelte 5 — JS-style comments.
 */
export function openingTagEnd(source: string, node: AST.ElementLike): { end: number; selfClosing: boolean } {
	let i = node.attributes.reduce((end, attribute) => Math.max(end, attribute.end), node.start + 1 + node.name.length);
	while (i < source.length) {
		if (/\s/.test(source[i])) i += 1;
		else if (source.startsWith('//', i)) i = lineEnd(source, i);
		else if (source.startsWith('/*', i)) i = blockCommentEnd(source, i);
		else break;
	}
	const selfClosing = source[i] === '/';
	return { end: source.indexOf('>', i) + 1, selfClosing };
}

function lineEnd(source: string, from: number): number {
	const end = source.indexOf('\n', from);
	return end === -1 ? source.length : end;
}

function blockCommentEnd(source: string, from: number): number {
	const end = source.indexOf('*/', from + 2);
	return end === -1 ? source.length : end + 2;
}

/** Where `</Name>` starts; a closing tag can't contain `</`, so the last one before the end is it. */
export function closingTagStart(source: string, node: AST.ElementLike): number {
	return source.lastIndexOf('</', node.end - 1);
}

/**
 * The source text of an expression. Acorn leaves the parentheses of `{(a, b)}` out of the node's
 * range; put them back, or `a, b` would split the props object in two.
 */
export function expressionText(source: string, node: EsNode): string {
	let start = node.start;
	let end = node.end;
	for (;;) {
		const before = skipSpace(source, start - 1, -1);
		const after = skipSpace(source, end, 1);
		if (source[before] !== '(' || source[after] !== ')') break;
		start = before;
		end = after + 1;
	}
	const text = source.slice(start, end);
	return node.type === 'SequenceExpression' && start === node.start ? `(${text})` : text;
}

function skipSpace(source: string, i: number, step: 1 | -1): number {
	while (i >= 0 && i < source.length && /\s/.test(source[i])) i += step;
	return i;
}
