import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { appFrames, firstAppLocation } from './stack-frames.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mochi-stack-'));
const page = path.join(root, 'src/routes/page.svelte');
fs.mkdirSync(path.dirname(page), { recursive: true });
fs.writeFileSync(page, '<script>\n\tthrow new Error("x");\n</script>\n');
const framework = fileURLToPath(new URL('../../runtime/server/app.js', import.meta.url));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const stack = [
	'Error: x',
	`    at Page (${page}:2:8)`,
	`    at file://${framework}:19:62`,
	'    at AsyncLocalStorage.run (node:async_hooks:346:14)',
	`    at render (${path.join(root, 'node_modules/svelte/src/index.js')}:1:1)`,
	`    at async Object.respond (file://${framework}:192:34)`
].join('\n');

describe('appFrames', () => {
	test("keeps the app's frames, drops the framework's, Node's and node_modules'", () => {
		expect(appFrames(stack, root)).toEqual([`    at Page (${page}:2:8)`]);
	});

	test('keeps every frame when none is the app’s (a framework bug needs its stack), and no frames at all for none', () => {
		const foreign = 'Error: y\n    at a (/elsewhere/a.js:1:1)\n    at node:internal/x:2:2';
		expect(appFrames(foreign, root)).toEqual(['    at a (/elsewhere/a.js:1:1)', '    at node:internal/x:2:2']);
		expect(appFrames('Error: no frames', root)).toEqual([]);
		expect(appFrames('', root)).toEqual([]);
	});
});

describe('firstAppLocation', () => {
	test('the first app frame, with a frame of that file (column 0-based, as Rollup counts)', () => {
		const found = firstAppLocation(stack, root);
		expect(found).toMatchObject({ id: page, loc: { file: page, line: 2, column: 7 } });
		expect(found?.frame).toContain(' 2 |   throw new Error("x");\n   |         ^');
	});

	test('null when the app frame names a file that is gone, or for a hostile stack', () => {
		expect(firstAppLocation(`Error\n    at x (${path.join(root, 'src/gone.ts')}:1:1)`, root)).toBeNull();
		expect(firstAppLocation(`Error\n    at x (${root}/src/../../etc/passwd:1:1)`, root)).toBeNull();
		expect(firstAppLocation('at at at (((:::', root)).toBeNull();
	});
});
