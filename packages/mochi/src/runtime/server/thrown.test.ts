import { describe, expect, it } from 'vitest';
import { interpretThrown } from './thrown.js';
import { HttpError, error } from './http-error.js';

function caught(fn: () => void): unknown {
	try {
		fn();
	} catch (thrown) {
		return thrown;
	}
	throw new Error('expected a throw');
}

describe('interpretThrown', () => {
	it('keeps the status and message of error(), in dev and in production', () => {
		const thrown = caught(() => error(410, 'Gone for good'));
		expect(interpretThrown(thrown, false)).toEqual({ type: 'http', status: 410, message: 'Gone for good' });
		expect(interpretThrown(thrown, true)).toEqual({ type: 'http', status: 410, message: 'Gone for good' });
	});

	it('makes anything else a 500 whose message only dev shows', () => {
		const crash = new TypeError('x is not a function\n  at line 2');
		expect(interpretThrown(crash, false)).toEqual({ type: 'crash', status: 500, message: 'Internal Error', error: crash });
		expect(interpretThrown(crash, true)).toMatchObject({ type: 'crash', status: 500, message: 'TypeError: x is not a function' });
		for (const odd of [undefined, null, 'a string', 42, { status: 404, message: 'looks like one' }]) {
			expect(interpretThrown(odd, false)).toMatchObject({ type: 'crash', status: 500 });
		}
	});

	it('trusts only a real HttpError, not a look-alike', () => {
		expect(interpretThrown(new HttpError(404, 'Not here'), false).type).toBe('http');
		expect(interpretThrown(Object.assign(new Error('x'), { status: 404 }), false).type).toBe('crash');
	});
});
