import type { ViteDevServer } from 'vite';
import { describe, expect, test } from 'vitest';
import { directiveError } from '../diagnostics/directive-error.js';
import { createDevErrorReporter } from './dev-errors.js';

function fakeServer(logged: string[]): ViteDevServer {
	return { config: { root: '/app', logger: { error: (line: string) => logged.push(line) } } } as unknown as ViteDevServer;
}

const source = '<script>\n\timport Avatar from "$lib/Avatar.svelte";\n</script>\n\n<Avatar mochi:defr />\n';
const typo = () =>
	directiveError(
		[{ code: 'unknown-directive', message: 'src/routes/index.svelte:5:1 <Avatar mochi:defr>: unknown directive mochi:defr; did you mean mochi:defer?', filename: '/app/src/routes/index.svelte', line: 5, column: 1, component: 'Avatar' }],
		source
	);
const page = { method: 'GET', url: 'http://localhost/' };

describe('dev error reporter', () => {
	test('a directive error: one block with the place and the frame, no stack; again only after a save', () => {
		const logged: string[] = [];
		const errors = createDevErrorReporter(fakeServer(logged));
		errors.report(typo(), page);
		errors.report(typo(), { method: 'GET', url: 'http://localhost/favicon.ico' });
		expect(logged).toHaveLength(1);
		expect(logged[0]).toContain('File: /app/src/routes/index.svelte:5:1');
		expect(logged[0]).toContain('   5 | <Avatar mochi:defr />\n     | ^');
		expect(logged[0]).not.toMatch(/^\s+at /m);
		errors.forget();
		errors.report(typo(), page);
		expect(logged).toHaveLength(2);
	});

	test("the overlay gets the same frame and place, and a hostile message can't close its script", () => {
		const errors = createDevErrorReporter(fakeServer([]));
		const { head } = errors.report(typo(), page);
		expect(head).toContain('"plugin":"mochi:islands"');
		expect(head).toContain('"loc":{"file":"/app/src/routes/index.svelte","line":5,"column":0}');
		expect(head).toContain('5 | \\u003cAvatar mochi:defr />');
		const hostile = createDevErrorReporter(fakeServer([])).report(new Error('</script><script>alert(1)</script>'), page).head;
		expect(hostile.match(/<\/script>/g)).toHaveLength(1);
	});

	test('a thrown value that is not an Error (a string, null) is still one readable line', () => {
		const logged: string[] = [];
		const errors = createDevErrorReporter(fakeServer(logged));
		errors.report('plain string', page);
		errors.report(null, page);
		expect(logged).toEqual(['[mochi] GET / failed: plain string', '[mochi] GET / failed: null']);
	});
});
