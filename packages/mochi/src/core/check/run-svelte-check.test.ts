import { describe, expect, it } from 'vitest';
import { parseMachineOutput } from './run-svelte-check.js';

const failure = () => 'did not finish';

describe('parseMachineOutput', () => {
	it("reads svelte-check's machine-verbose lines", () => {
		const diagnostic = { type: 'ERROR', filename: 'src/a.svelte', start: { line: 1, character: 2 }, end: { line: 1, character: 3 }, message: 'x\ny', code: 2322, source: 'ts' };
		const stdout = [
			'1700000000000 START "/app/.mochi/check"',
			`1700000000001 ${JSON.stringify(diagnostic)}`,
			'1700000000002 COMPLETED 10 FILES 1 ERRORS 0 WARNINGS 1 FILES_WITH_PROBLEMS',
			''
		].join('\n');
		expect(parseMachineOutput(stdout, failure)).toEqual([diagnostic]);
	});

	it('throws with the reason when svelte-check fails or stops early', () => {
		expect(() => parseMachineOutput('1 START "/x"\n2 FAILURE "No tsconfig found"\n', failure)).toThrow('svelte-check failed: No tsconfig found');
		expect(() => parseMachineOutput('Error: TypeScript is not installed\n', failure)).toThrow('did not finish');
	});
});
