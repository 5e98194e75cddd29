import { describe as group, expect, it } from 'vitest';
import { describe, located } from './client-request-context.js';

group('describe', () => {
	it('says what to do when the island calls it itself, naming the island', () => {
		const message = describe(['\0virtual:mochi/island/Counter', '/app/src/lib/Counter.svelte'], '/app');
		expect(message).toBe(
			'getRequestContext() in a client island (mochi:hydrate): the browser runs src/lib/Counter.svelte as it hydrates, with no ' +
				'request there. Instead, read the context in the page and pass what the island needs as props, or make ' +
				'src/lib/Counter.svelte a server island (mochi:defer).'
		);
		expect(located({ file: '/app/src/lib/Counter.svelte', line: 4, column: 15, message }, '/app')).toBe(`src/lib/Counter.svelte:4:15: ${message}`);
	});

	it('names the chain of imports from the island to the module that calls it', () => {
		const chain = ['\0virtual:mochi/island/Pure', '/app/src/lib/Pure.svelte', '/app/src/lib/format.ts', '/app/src/lib/user.ts'];
		const message = describe(chain, '/app');
		expect(message).toContain(
			'getRequestContext() would run in the browser: src/lib/Pure.svelte (client island) → src/lib/format.ts → src/lib/user.ts.'
		);
		expect(message).toContain('make src/lib/Pure.svelte a server island (mochi:defer)');
	});
});
