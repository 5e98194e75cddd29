import { describe as group, expect, it } from 'vitest';
import { describe } from './client-request-context.js';

group('describe', () => {
	it('names the island, the file and line, when the island calls it itself', () => {
		expect(describe(['\0virtual:mochi/island/Counter', '/app/src/lib/Counter.svelte'], { line: 4, column: 15 }, '/app')).toBe(
			'src/lib/Counter.svelte:4:15 calls getRequestContext(), but it is a client island (mochi:hydrate): the browser runs it as it ' +
				'hydrates, with no request there. Instead, read the context in the page and pass what the island needs as props, or make ' +
				'src/lib/Counter.svelte a server island (mochi:defer).'
		);
	});

	it('names the chain of imports from the island to the module that calls it', () => {
		const chain = ['\0virtual:mochi/island/Pure', '/app/src/lib/Pure.svelte', '/app/src/lib/format.ts', '/app/src/lib/user.ts'];
		const message = describe(chain, { line: 3, column: 9 }, '/app');
		expect(message).toContain(
			'src/lib/user.ts:3:9 calls getRequestContext(), but the browser would run it: src/lib/Pure.svelte (client island) → src/lib/format.ts → src/lib/user.ts.'
		);
		expect(message).toContain('make src/lib/Pure.svelte a server island (mochi:defer)');
	});
});
