import { describe, expect, it } from 'vitest';
import { json } from './json.js';

describe('json', () => {
	it('answers 200 application/json with the serialized data', async () => {
		const response = json({ ok: true, items: [1, 'two', null], when: new Date(0) });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/json');
		expect(await response.text()).toBe('{"ok":true,"items":[1,"two",null],"when":"1970-01-01T00:00:00.000Z"}');
	});

	it('takes status, statusText and headers from init, keeping a content-type it gives', async () => {
		const response = json(['a'], { status: 201, statusText: 'Made', headers: { 'x-id': '7', 'Content-Type': 'application/vnd.api+json' } });
		expect(response.status).toBe(201);
		expect(response.statusText).toBe('Made');
		expect(response.headers.get('x-id')).toBe('7');
		expect(response.headers.get('content-type')).toBe('application/vnd.api+json');
		expect(await response.json()).toEqual(['a']);
		const fromHeaders = json(1, { headers: new Headers([['cache-control', 'no-store']]) });
		expect([...fromHeaders.headers]).toEqual([['cache-control', 'no-store'], ['content-type', 'application/json']]);
	});

	it('serializes the JSON values that are not objects', async () => {
		expect(await json(null).text()).toBe('null');
		expect(await json('a "quoted" string').text()).toBe('"a \\"quoted\\" string"');
		expect(await json(0).text()).toBe('0');
		expect(await json(false).text()).toBe('false');
	});

	it('refuses data JSON cannot hold, saying why', () => {
		const cycle: Record<string, unknown> = {};
		cycle.self = cycle;
		expect(() => json(cycle)).toThrow(TypeError);
		expect(() => json(cycle)).toThrow(/^json\(data\): data can't be serialized as JSON: .*circular/i);
		expect(() => json({ n: 1n })).toThrow(/BigInt/);
		expect(() => json({ toJSON: () => { throw new Error('nope'); } })).toThrow(/can't be serialized as JSON: nope/);
		expect(() => json(undefined)).toThrow('json(data): undefined is not JSON');
		expect(() => json(() => 1)).toThrow('json(data): a function is not JSON');
		expect(() => json(Symbol('s'))).toThrow('json(data): symbol is not JSON');
	});

	it('refuses an init that a Response refuses, as Response does', () => {
		expect(() => json({}, { status: 99 })).toThrow(RangeError);
		expect(() => json({}, { headers: { 'bad header': 'x' } })).toThrow(TypeError);
	});
});
