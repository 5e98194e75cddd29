// Where things are, in the words a user reads: paths relative to the app root, 1-based lines and columns.
import { posix } from 'node:path';

/** `filename` relative to `root`, with forward slashes on every platform. */
export function relativeFile(filename: string, root: string): string {
	const slashed = (path: string) => path.replace(/\\/g, '/');
	return posix.relative(slashed(root), slashed(filename)) || posix.basename(slashed(filename));
}

/** Where each line of `text` starts, as offsets. */
export function lineStarts(text: string): number[] {
	const starts = [0];
	for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
	return starts;
}

/** Offset → 0-based line and column, by binary search over `lineStarts`. */
export function positionAt(starts: number[], offset: number): { line: number; column: number } {
	let low = 0;
	let high = starts.length - 1;
	while (low < high) {
		const mid = (low + high + 1) >> 1;
		if (starts[mid] <= offset) low = mid;
		else high = mid - 1;
	}
	return { line: low, column: offset - starts[low] };
}

/** Offset → 1-based line and column. */
export function createLocator(source: string): (offset: number) => { line: number; column: number } {
	const starts = lineStarts(source);
	return (offset) => {
		const { line, column } = positionAt(starts, offset);
		return { line: line + 1, column: column + 1 };
	};
}
