// Maps a position in a mirrored file (what svelte-check read) back to the file the user wrote, through
// the preprocessor's source map. The map, not line counting, carries this: the injected helper import
// adds a line and a multi-line island tag becomes one, so lines shift both ways.
import { decodeMappings, findSegment } from './source-map.js';
import { createIslandTags } from './island-tags.js';
import { lineStarts, positionAt as positionOf } from '../../preprocess/location.js';

export { lineStarts, positionOf };

/** 0-based, as svelte-check's machine output and source maps count. */
export interface Position {
	line: number;
	column: number;
}

export interface MappedSource {
	original: string;
	/** The mirrored text; same offsets as the preprocessor's output. */
	generated: string;
	/** The preprocessor's `map.mappings`; `null` when it left the file alone. */
	mappings: string | null;
}

export type PositionMapper = (start: Position, end?: Position) => Position;

export function createPositionMapper({ original, generated, mappings }: MappedSource): PositionMapper {
	if (mappings === null) return (start) => start;
	const lines = decodeMappings(mappings);
	const generatedStarts = lineStarts(generated);
	const originalStarts = lineStarts(original);
	const tags = createIslandTags(original);
	return (start, end = start) => {
		const found = findSegment(lines, start.line, start.column);
		if (!found) return { line: 0, column: 0 };
		const { segment } = found;
		const from = offsetOf(generatedStarts, { line: found.line, column: segment.column });
		const at = offsetOf(generatedStarts, start);
		const origin = offsetOf(originalStarts, { line: segment.sourceLine, column: segment.sourceColumn });
		// Text the preprocessor left alone reads the same on both sides, so the distance into it carries over.
		if (found.sameLine && generated.slice(from, at) === original.slice(origin, origin + at - from)) {
			return positionOf(originalStarts, origin + at - from);
		}
		// Otherwise it is inside a rewritten island tag (or the added import): find what it is about.
		const to = Math.max(at, offsetOf(generatedStarts, end));
		return positionOf(originalStarts, tags.locate(origin, generated, at, to));
	};
}

export function offsetOf(starts: number[], { line, column }: Position): number {
	return (starts[Math.min(line, starts.length - 1)] ?? 0) + column;
}
