import { describe, expect, it } from 'vitest';
import * as devalue from 'devalue';
import { PropsRegistry, escapeScriptJson } from './props-registry.js';

describe('PropsRegistry', () => {
	it('gives byte-identical payloads one block and distinct payloads their own', () => {
		const registry = new PropsRegistry();
		const a = registry.ref(devalue.stringify({ start: 1 }));
		const b = registry.ref(devalue.stringify({ start: 1 }));
		const c = registry.ref(devalue.stringify({ start: 2 }));
		expect(a.script).toContain('id="mochi-props-0"');
		expect(b).toEqual({ id: a.id, script: null });
		expect(c.id).toBe('mochi-props-1');
		expect(c.script).not.toBeNull();
	});

	it('starts every request at 0: registries share nothing', () => {
		const first = new PropsRegistry();
		first.ref('[1]');
		first.ref('[2]');
		expect(new PropsRegistry().ref('[2]').id).toBe('mochi-props-0');
	});
});

describe('escapeScriptJson', () => {
	const hostile = [
		'</script><script>alert(1)</script>',
		'<!-- <script>',
		'</SCRIPT >',
		'line\u2028separator\u2029paragraph',
		'"quotes" and \'apostrophes\' and \\backslashes\\',
		'x'.repeat(10_000) + '</script>'
	];

	it.each(hostile)('keeps %j from breaking out and round-trips it', (value) => {
		const json = escapeScriptJson(devalue.stringify({ value, nested: [value, new Map([[value, value]])] }));
		expect(json).not.toMatch(/<|\u2028|\u2029/);
		const back = devalue.parse(json) as { value: string; nested: [string, Map<string, string>] };
		expect(back.value).toBe(value);
		expect(back.nested[1].get(value)).toBe(value);
	});

	it('leaves payloads without special characters untouched', () => {
		const json = devalue.stringify({ a: 1, b: 'plain' });
		expect(escapeScriptJson(json)).toBe(json);
	});
});
