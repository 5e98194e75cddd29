import MagicString from 'magic-string';
import { describe, expect, it } from 'vitest';
import { decodeMappings, findSegment } from './source-map.js';

describe('decodeMappings', () => {
	it('decodes relative fields into absolute segments, line by line', () => {
		// AAAA: 0,0,0,0  ;  AACA: line +1  ;  IAAI: column +4 on both sides
		expect(decodeMappings('AAAA;AACA,IAAI')).toEqual([
			[{ column: 0, sourceLine: 0, sourceColumn: 0 }],
			[
				{ column: 0, sourceLine: 1, sourceColumn: 0 },
				{ column: 4, sourceLine: 1, sourceColumn: 4 }
			]
		]);
	});

	it('reads negative and multi-digit values', () => {
		// gBAAgB: +16 / +16 ; then DAAD: -1 / -1
		expect(decodeMappings('gBAAgB,DAAD')[0]).toEqual([
			{ column: 16, sourceLine: 0, sourceColumn: 16 },
			{ column: 15, sourceLine: 0, sourceColumn: 15 }
		]);
	});

	it('leaves out segments that have no source (pure insertions)', () => {
		expect(decodeMappings('A,CAAC')).toEqual([[{ column: 1, sourceLine: 0, sourceColumn: 1 }]]);
	});

	it('agrees with magic-string about an edited file', () => {
		const s = new MagicString('one\ntwo three\nfour');
		s.appendLeft(0, 'zero\n');
		s.overwrite(8, 13, 'THREE');
		const lines = decodeMappings(s.generateMap({ hires: 'boundary' }).mappings);
		// `two` sits on generated line 2 and comes from original line 1, column 0.
		expect(lines[2][0]).toEqual({ column: 0, sourceLine: 1, sourceColumn: 0 });
		expect(lines[2].some((segment) => segment.column === 4 && segment.sourceColumn === 4)).toBe(true);
	});

	it('rejects characters that are not base64', () => {
		expect(() => decodeMappings('A!')).toThrow(/unexpected "!"/);
	});
});

describe('findSegment', () => {
	const lines = decodeMappings('AAAA,IAAI;;AAEA');

	it('takes the last segment at or before the column', () => {
		expect(findSegment(lines, 0, 6)).toEqual({ segment: { column: 4, sourceLine: 0, sourceColumn: 4 }, line: 0, sameLine: true });
	});

	it('falls back to an earlier line for an inserted line', () => {
		expect(findSegment(lines, 1, 3)).toMatchObject({ line: 0, sameLine: false, segment: { column: 4 } });
	});

	it('gives null when nothing before is mapped', () => {
		expect(findSegment(decodeMappings(';AAAA'), 0, 5)).toBeNull();
	});
});
