// The crash policy's report: one line per error, naming the request of the store it ran in, rate-limited.
// That Node really emits both events inside the failing code's context, and that the process survives, is
// shown over HTTP against a built app (tests/integration/crash-containment.test.ts).
import { describe, expect, it } from 'vitest';
import { containCrashes, crashReporter } from './crash.js';
import { createRequestState } from '../runtime/server/create-context.js';
import { fromWebRequest } from '../runtime/server/exchange.js';
import { state } from '../runtime/server/state.js';

const during = (method: string, url: string, run: () => void) =>
	state.storage.run(createRequestState({ request: fromWebRequest(new Request(url, { method })) }).state, run);

describe('crashReporter', () => {
	it('names the request the failing code ran for (method and path, never the query), with the stack', () => {
		const lines: string[] = [];
		const report = crashReporter((line) => lines.push(line));
		const error = new Error('leaked');
		during('POST', 'http://localhost/_mochi/island/Cart?p=personal-token', () => report('unhandled rejection', error));
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(/^\[mochi\] unhandled rejection during POST \/_mochi\/island\/Cart, the server keeps running: Error: leaked\n\s+at /);
		expect(lines[0]).not.toContain('personal-token');
	});

	it('says nothing of a request outside one, and describes values that are not errors', () => {
		const lines: string[] = [];
		const report = crashReporter((line) => lines.push(line));
		report('uncaught exception', 'a string');
		report('unhandled rejection', { code: 42 });
		report('unhandled rejection', undefined);
		const cyclic: Record<string, unknown> = {};
		cyclic.self = cyclic;
		report('unhandled rejection', cyclic);
		expect(lines).toEqual([
			'[mochi] uncaught exception, the server keeps running: a string (not an Error)',
			'[mochi] unhandled rejection, the server keeps running: {"code":42} (not an Error)',
			'[mochi] unhandled rejection, the server keeps running: undefined (not an Error)',
			'[mochi] unhandled rejection, the server keeps running: [object Object] (not an Error)'
		]);
	});

	it('logs at most 20 lines of each kind per window, so a page leaking on every request cannot flood the log', () => {
		const lines: string[] = [];
		const report = crashReporter((line) => lines.push(line));
		for (let i = 0; i < 50; i++) {
			during('GET', `http://localhost/leak/${i}`, () => {
				report('unhandled rejection', new Error(`rejection ${i}`));
				report('uncaught exception', new Error(`throw ${i}`));
			});
		}
		expect(lines.filter((line) => line.startsWith('[mochi] unhandled rejection during GET /leak/'))).toHaveLength(20);
		expect(lines.filter((line) => line.startsWith('[mochi] uncaught exception during GET /leak/'))).toHaveLength(20);
	});
});

describe('containCrashes', () => {
	it('adds one listener for each event, and takes them away again', () => {
		const before = [process.listenerCount('unhandledRejection'), process.listenerCount('uncaughtException')];
		const remove = containCrashes(() => {});
		expect([process.listenerCount('unhandledRejection'), process.listenerCount('uncaughtException')]).toEqual(before.map((n) => n + 1));
		remove();
		expect([process.listenerCount('unhandledRejection'), process.listenerCount('uncaughtException')]).toEqual(before);
	});
});
