// Reads the `mappings` of a source map (base64 VLQ, as magic-string writes it for the island
// preprocessor). A few lines of decoding spare `mochi check` a dependency.

/** One mapped point: a column of a generated line and the 0-based original line and column it comes from. */
export interface Segment {
	column: number;
	sourceLine: number;
	sourceColumn: number;
}

const DIGITS = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((char, i) => [char, i]));

/** Segments per generated line, in column order. Segments without a source (pure insertions) are left out. */
export function decodeMappings(mappings: string): Segment[][] {
	const lines: Segment[][] = [[]];
	// Every field is relative to the previous segment; only the generated column restarts on each line.
	let column = 0;
	let sourceLine = 0;
	let sourceColumn = 0;
	let fields: number[] = [];
	let value = 0;
	let shift = 0;
	const flush = () => {
		if (fields.length === 0) return;
		column += fields[0];
		if (fields.length >= 4) {
			sourceLine += fields[2];
			sourceColumn += fields[3];
			lines[lines.length - 1].push({ column, sourceLine, sourceColumn });
		}
		fields = [];
	};
	for (const char of mappings) {
		if (char === ',' || char === ';') {
			flush();
			if (char === ';') {
				lines.push([]);
				column = 0;
			}
			continue;
		}
		const digit = DIGITS.get(char);
		if (digit === undefined) throw new Error(`Invalid source map: unexpected "${char}" in mappings.`);
		value += (digit & 31) * 2 ** shift;
		if (digit & 32) {
			shift += 5;
			continue;
		}
		fields.push(value % 2 ? -(value - 1) / 2 : value / 2);
		value = 0;
		shift = 0;
	}
	flush();
	return lines;
}

/**
 * The segment that covers a generated position: the last one at or before it on its line, or, on a
 * line that is wholly inserted (an import the preprocessor added), the last one of an earlier line.
 * `sameLine` says which; `null` when nothing before the position is mapped.
 */
export function findSegment(lines: Segment[][], line: number, column: number): { segment: Segment; line: number; sameLine: boolean } | null {
	const own = lines[line] ?? [];
	for (let i = own.length - 1; i >= 0; i--) {
		if (own[i].column <= column) return { segment: own[i], line, sameLine: true };
	}
	for (let l = Math.min(line, lines.length) - 1; l >= 0; l--) {
		const segments = lines[l];
		if (segments.length) return { segment: segments[segments.length - 1], line: l, sameLine: false };
	}
	return null;
}
