// Svelte reports a warning or error at a position in the code it compiled. For a file with islands that
// is the preprocessor's output (an import added, island tags rewritten), so every position below the
// first island or the script's first line would be off. Each diagnostic is moved back to the file the
// user wrote through the preprocessor's source map, and its code frame is drawn again from that file.
import { createPositionMapper, lineStarts, offsetOf, type PositionMapper } from '../check/position-map.js';
import { codeFrame } from './code-frame.js';

/** What the island preprocessor did to one file: its text before and after, and the map between them. */
export interface Rewrite {
	original: string;
	generated: string;
	mappings: string;
}

/** The fields of a Svelte warning or `CompileError` that carry a position (1-based line, 0-based column). */
export interface SvelteDiagnostic {
	start?: { line: number; column: number; character: number };
	end?: { line: number; column: number; character: number };
	position?: [number, number];
	frame?: string;
}

/** Moves diagnostics about `generated` to where they are in `original`, in place. */
export function createDiagnosticMapper(rewrite: Rewrite): (diagnostic: SvelteDiagnostic) => void {
	let mapper: PositionMapper | undefined;
	const originalStarts = lineStarts(rewrite.original);
	return (diagnostic) => {
		const { start, end } = diagnostic;
		if (!start) return;
		mapper ??= createPositionMapper(rewrite);
		const from = { line: start.line - 1, column: start.column };
		const to = end ? { line: end.line - 1, column: end.column } : from;
		const mappedStart = mapper(from, to);
		// An end inside the same rewritten tag maps to that tag's start: keep the range at least as wide.
		let mappedEnd = end ? mapper(to) : mappedStart;
		const startOffset = offsetOf(originalStarts, mappedStart);
		if (offsetOf(originalStarts, mappedEnd) < startOffset) mappedEnd = mappedStart;
		const endOffset = offsetOf(originalStarts, mappedEnd);
		diagnostic.start = { line: mappedStart.line + 1, column: mappedStart.column, character: startOffset };
		if (end) diagnostic.end = { line: mappedEnd.line + 1, column: mappedEnd.column, character: endOffset };
		if (diagnostic.position) diagnostic.position = [startOffset, endOffset];
		// Svelte puts the caret under the end column (on the start's line); one line or the other.
		const column = mappedEnd.line === mappedStart.line ? mappedEnd.column : mappedStart.column;
		diagnostic.frame = codeFrame(rewrite.original, { line: mappedStart.line + 1, column });
	};
}
