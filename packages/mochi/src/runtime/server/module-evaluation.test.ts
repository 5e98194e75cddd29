import { describe, expect, it } from 'vitest';
import { getRequestContext } from './context.js';
import { evaluatingModule, outsideRequests } from './module-evaluation.js';
import { createRequestState } from './create-context.js';
import { state } from './state.js';
import { fromWebRequest } from './exchange.js';

const requestState = () => createRequestState({ request: fromWebRequest(new Request('http://localhost/')) }).state;

describe('outsideRequests', () => {
	it('hides the request from a module evaluated inside one, across awaits, and names the module', async () => {
		const seen = await state.storage.run(requestState(), () =>
			outsideRequests({ module: '/app/src/lib/user.ts' }, async () => {
				await new Promise((resolve) => setTimeout(resolve, 1));
				expect(evaluatingModule()?.module).toBe('/app/src/lib/user.ts');
				return () => getRequestContext();
			})
		);
		expect(() => seen()).toThrow(/outside a request/);
	});

	it("makes getRequestContext() an error naming the module and the caller's line", async () => {
		const failure = await state.storage.run(requestState(), () =>
			outsideRequests({ module: '/app/src/routes/index.svelte' }, async () => {
				try {
					getRequestContext();
				} catch (error) {
					return (error as Error).message;
				}
			})
		);
		expect(failure).toMatch(/^getRequestContext\(\) was called at src\/runtime\/server\/module-evaluation\.test\.ts:\d+:\d+, while \/app\/src\/routes\/index\.svelte was being evaluated: /);
		expect(failure).toContain("<script module>");
	});

	it('for a bundled module (mochi build), names it and what it imports, without a line of the bundle', async () => {
		const failure = await outsideRequests({ module: 'src/routes/index.svelte', bundled: true }, async () => {
			try {
				getRequestContext();
			} catch (error) {
				return (error as Error).message;
			}
		});
		expect(failure).toMatch(/^getRequestContext\(\) was called while src\/routes\/index\.svelte \(or a module it imports\) was being evaluated: /);
	});

	it('gives the request back to the code that awaited the evaluation', async () => {
		const inside = requestState();
		await state.storage.run(inside, async () => {
			await outsideRequests({ module: 'm' }, async () => undefined);
			expect(getRequestContext()).toBe(inside.context);
			expect(evaluatingModule()).toBeUndefined();
		});
	});

	it('names the nested module being evaluated, then the outer one again', async () => {
		await outsideRequests({ module: 'outer' }, async () => {
			await outsideRequests({ module: 'inner' }, async () => expect(evaluatingModule()?.module).toBe('inner'));
			expect(evaluatingModule()?.module).toBe('outer');
		});
	});
});
