import { describe, expect, it } from 'vitest';
import { parseRange, resolveRange } from './byte-range.js';

describe('parseRange', () => {
	it.each([
		['bytes=0-9', { first: 0, last: 9 }],
		['bytes=0-0', { first: 0, last: 0 }],
		['bytes=5-', { first: 5, last: null }],
		['bytes=-5', { suffix: 5 }],
		['bytes=-0', { suffix: 0 }],
		['BYTES=1-2', { first: 1, last: 2 }],
		['bytes= 1-2 ,', { first: 1, last: 2 }]
	])('%s', (header, spec) => {
		expect(parseRange(header)).toEqual(spec);
	});

	it.each(['bytes=5-1', 'bytes=0-1,5-6', 'bytes=', 'bytes=-', 'bytes=abc', 'bytes=1-2-3', 'bytes=--1', 'bytes=0x1-2', 'items=0-1', 'bytes', '', 'bytes=1.5-2', 'bytes=+1-2'])(
		'ignores %j (the whole file is sent)',
		(header) => {
			expect(parseRange(header)).toBeNull();
		}
	);
});

describe('resolveRange', () => {
	it('clamps the end to the file and reads suffixes from the end', () => {
		expect(resolveRange({ first: 0, last: 0 }, 100)).toEqual({ start: 0, end: 0 });
		expect(resolveRange({ first: 10, last: 999 }, 100)).toEqual({ start: 10, end: 99 });
		expect(resolveRange({ first: 90, last: null }, 100)).toEqual({ start: 90, end: 99 });
		expect(resolveRange({ suffix: 5 }, 100)).toEqual({ start: 95, end: 99 });
		expect(resolveRange({ suffix: 500 }, 100)).toEqual({ start: 0, end: 99 });
	});

	it('is unsatisfiable past the end, and for an empty suffix', () => {
		expect(resolveRange({ first: 100, last: null }, 100)).toBe('unsatisfiable');
		expect(resolveRange({ first: 1e30, last: null }, 100)).toBe('unsatisfiable');
		expect(resolveRange({ suffix: 0 }, 100)).toBe('unsatisfiable');
	});
});
