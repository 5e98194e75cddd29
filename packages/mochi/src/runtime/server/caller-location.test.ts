import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { callerLocation, locationOfFrame } from './caller-location.js';

describe('callerLocation', () => {
	it('reads the frame of the code that called the function, relative to the working directory', () => {
		function asked() {
			return callerLocation(asked);
		}
		const where = asked();
		expect(where).toMatch(/^src\/runtime\/server\/caller-location\.test\.ts:\d+:\d+$/);
	});

	it('maps the stack first when given a mapper, and survives a mapper that throws', () => {
		function asked(map: (stack: string) => string) {
			return callerLocation(asked, map);
		}
		expect(asked(() => 'Error\n    at /app/src/routes/index.svelte:3:14')).toBe('/app/src/routes/index.svelte:3:14');
		expect(
			asked(() => {
				throw new Error('no map');
			})
		).toMatch(/caller-location\.test\.ts:\d+:\d+$/);
	});

	it('parses named, anonymous and file:// frames, and nothing else', () => {
		expect(locationOfFrame('    at eval (/abs/a.svelte:3:14)')).toBe('/abs/a.svelte:3:14');
		expect(locationOfFrame('    at async Foo.bar (file:///abs/b.ts:10:2)')).toBe('/abs/b.ts:10:2');
		expect(locationOfFrame('    at /abs/c.ts:1:1')).toBe('/abs/c.ts:1:1');
		expect(locationOfFrame(`    at ${path.join(process.cwd(), 'src/d.ts')}:4:5`)).toBe('src/d.ts:4:5');
		expect(locationOfFrame('    at new Promise (<anonymous>)')).toBeUndefined();
		expect(locationOfFrame('Error: boom')).toBeUndefined();
		expect(locationOfFrame(undefined)).toBeUndefined();
	});
});
