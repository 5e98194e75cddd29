// The Range header of a file request, parsed and checked against the file's size (RFC 9110 §14).
// Only one range is served: a client asking for several gets the whole file, which the RFC allows
// (a server MAY ignore Range) and which spares us multipart/byteranges.

/** One `range-spec`: `first-last`, `first-` (last omitted) or the suffix form `-length`. */
export type RangeSpec = { first: number; last: number | null } | { suffix: number };

/** The range the client asked for, or null when the header is to be ignored (served as a plain 200). */
export function parseRange(header: string): RangeSpec | null {
	const equals = header.indexOf('=');
	if (equals === -1 || header.slice(0, equals).trim().toLowerCase() !== 'bytes') return null;
	// A list may carry empty elements (RFC 9110 §5.6.1): `bytes=0-1,` is one range.
	const specs = header
		.slice(equals + 1)
		.split(',')
		.map((spec) => spec.trim())
		.filter(Boolean);
	if (specs.length !== 1) return null;
	const match = /^(\d*)-(\d*)$/.exec(specs[0]);
	if (!match || (match[1] === '' && match[2] === '')) return null;
	if (match[1] === '') return { suffix: Number(match[2]) };
	const first = Number(match[1]);
	const last = match[2] === '' ? null : Number(match[2]);
	// `bytes=5-1` is invalid (§14.1.1): ignored, as if there were no Range at all.
	return last !== null && last < first ? null : { first, last };
}

/** The bytes to send (inclusive), or 'unsatisfiable' (416) when none of the file is in the range. */
export function resolveRange(spec: RangeSpec, size: number): { start: number; end: number } | 'unsatisfiable' {
	if ('suffix' in spec) {
		if (spec.suffix === 0) return 'unsatisfiable';
		return { start: Math.max(0, size - spec.suffix), end: size - 1 };
	}
	if (spec.first >= size) return 'unsatisfiable';
	return { start: spec.first, end: spec.last === null ? size - 1 : Math.min(spec.last, size - 1) };
}
