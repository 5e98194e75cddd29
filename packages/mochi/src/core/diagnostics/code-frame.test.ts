import { describe, expect, test } from 'vitest';
import { codeFrame } from './code-frame.js';

const source = ['<h1>a</h1>', '<p>b</p>', '\t<img src="c">', '<p>d</p>', '<p>e</p>', '<p>f</p>'].join('\n');

describe('codeFrame', () => {
	test("Svelte's layout: two lines around, the caret under the column, leading tabs as two spaces", () => {
		expect(codeFrame(source, { line: 3, column: 1 })).toBe(
			['1: <h1>a</h1>', '2: <p>b</p>', '3:   <img src="c">', '     ^', '4: <p>d</p>', '5: <p>e</p>'].join('\n')
		);
	});

	test("Vite's layout", () => {
		expect(codeFrame(source, { line: 1, column: 4 }, 'vite')).toBe([' 1 | <h1>a</h1>', '   |     ^', ' 2 | <p>b</p>', ' 3 |   <img src="c">'].join('\n'));
	});

	test('a line past the end, a negative line or column, CRLF and an empty source stay within the text', () => {
		expect(codeFrame(source, { line: 99, column: 0 })).toContain('6: <p>f</p>\n   ^');
		expect(codeFrame(source, { line: -5, column: -3 })).toMatch(/^1: <h1>a<\/h1>\n {3}\^/);
		expect(codeFrame('a\r\nb', { line: 2, column: 0 })).toBe('1: a\n2: b\n   ^');
		expect(codeFrame('', { line: 1, column: 0 })).toBe('1: \n   ^');
	});
});
