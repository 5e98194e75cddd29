import { describe, expect, it } from 'vitest';
import type { Diagnostic } from './diagnostics.js';
import { count, formatDiagnostic, formatSummary } from './report.js';

const error: Diagnostic = { severity: 'error', file: '/app/src/a.svelte', line: 3, column: 5, message: 'Bad.', source: 'ts' };
const warning: Diagnostic = { ...error, severity: 'warning', file: '/app/src/b.svelte', source: 'svelte' };

describe('report', () => {
	it("prints svelte-check's human format", () => {
		expect(formatDiagnostic(error)).toBe('/app/src/a.svelte:3:5\nError: Bad. (ts)\n');
		expect(formatDiagnostic(warning)).toBe('/app/src/b.svelte:3:5\nWarn: Bad. (svelte)\n');
	});

	it('sums up in one line', () => {
		expect(formatSummary(count([error, error, warning]))).toBe('mochi check found 2 errors and 1 warning in 2 files');
		expect(formatSummary(count([]))).toBe('mochi check found 0 errors and 0 warnings');
	});
});
