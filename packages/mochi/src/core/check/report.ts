// svelte-check's human format, so editors and CI log parsers that read svelte-check read this too.
import type { Diagnostic } from './diagnostics.js';

export function formatDiagnostic(diagnostic: Diagnostic): string {
	const label = diagnostic.severity === 'error' ? 'Error' : 'Warn';
	return `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}\n${label}: ${diagnostic.message} (${diagnostic.source})\n`;
}

export interface Counts {
	errors: number;
	warnings: number;
	files: number;
}

export function count(diagnostics: Diagnostic[]): Counts {
	const errors = diagnostics.filter((d) => d.severity === 'error').length;
	return { errors, warnings: diagnostics.length - errors, files: new Set(diagnostics.map((d) => d.file)).size };
}

export function formatSummary({ errors, warnings, files }: Counts): string {
	const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
	const where = files ? ` in ${plural(files, 'file')}` : '';
	return `mochi check found ${plural(errors, 'error')} and ${plural(warnings, 'warning')}${where}`;
}
