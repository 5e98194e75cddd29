// Where things are, in the words a user reads: paths relative to the app root, 1-based lines and columns.
import { posix } from 'node:path';

/** `filename` relative to `root`, with forward slashes on every platform. */
export function relativeFile(filename: string, root: string): string {
	const slashed = (path: string) => path.replace(/\\/g, '/');
	return posix.relative(slashed(root), slashed(filename)) || posix.basename(slashed(filename));
}

/** Offset → 1-based line and column. */
export function createLocator(source: string): (offset: number) => { line: number; column: number } {
	const starts = [0];
	for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
	return (offset) => {
		let low = 0;
		let high = starts.length - 1;
		while (low < high) {
			const mid = (low + high + 1) >> 1;
			if (starts[mid] <= offset) low = mid;
			else high = mid - 1;
		}
		return { line: low + 1, column: offset - starts[low] + 1 };
	};
}
