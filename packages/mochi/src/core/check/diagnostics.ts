// Every problem `mochi check` reports, located in the files the user wrote.
import path from 'node:path';
import type { PreprocessError } from '../../preprocess/index.js';
import { relativeFile } from '../../preprocess/location.js';
import { isInside } from './config-files.js';
import type { Mirror } from './mirror.js';
import { createPositionMapper, lineStarts, offsetOf, type PositionMapper } from './position-map.js';
import type { RawDiagnostic } from './run-svelte-check.js';

export interface Diagnostic {
	severity: 'error' | 'warning';
	/** Absolute path of the app's file. */
	file: string;
	/** 1-based, like svelte-check's human output. */
	line: number;
	column: number;
	message: string;
	/** Who found it: `ts`, `js`, `svelte`, `css`, or `mochi` for a misused directive. */
	source: string;
	code?: string | number;
}

export function fromPreprocessError(error: PreprocessError, root: string): Diagnostic {
	// The message opens with `file:line:col `, which the report prints on a line of its own.
	const prefix = `${relativeFile(error.filename, root)}:${error.line}:${error.column} `;
	const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
	return { severity: 'error', file: error.filename, line: error.line, column: error.column, message, source: 'mochi', code: error.code };
}

/** svelte-check speaks about the mirror: bring each diagnostic back to the app's file and position. */
export function createDiagnosticMapper(mirror: Mirror, root: string): (raw: RawDiagnostic) => Diagnostic | null {
	const mappers = new Map<string, { map: PositionMapper; starts: number[]; original: string }>();
	return (raw) => {
		const absolute = path.resolve(mirror.dir, raw.filename);
		const relative = path.relative(mirror.dir, absolute);
		const inMirror = isInside(mirror.dir, absolute);
		let start = { line: raw.start.line, column: raw.start.character };
		const svelte = inMirror ? mirror.svelte.get(relative) : undefined;
		if (svelte) {
			const offset = offsetOf(lineStarts(svelte.generated), start);
			if (svelte.muted.some(([from, to]) => offset >= from && offset < to)) return null;
			let mapper = mappers.get(relative);
			if (!mapper) {
				mapper = { map: createPositionMapper(svelte), starts: lineStarts(svelte.original), original: svelte.original };
				mappers.set(relative, mapper);
			}
			start = mapper.map(start, { line: raw.end.line, column: raw.end.character });
			// `mochi:*` is ours, not an attribute with a colon (normally blanked before svelte-check sees it).
			if (raw.code === 'attribute_illegal_colon' && mapper.original.startsWith('mochi:', offsetOf(mapper.starts, start))) return null;
		}
		return {
			severity: raw.type === 'ERROR' ? 'error' : 'warning',
			file: inMirror ? path.join(root, relative) : absolute,
			line: start.line + 1,
			column: start.column + 1,
			// TypeScript names files by path in some messages (`'…/.mochi/check/src/lib/A.svelte' implicitly has an 'any' type`).
			message: raw.message.split(mirror.dir + path.sep).join(root + path.sep),
			source: raw.source ?? 'js',
			code: raw.code
		};
	};
}

/** By file, then position: the order a reader goes through them. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
	return diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
