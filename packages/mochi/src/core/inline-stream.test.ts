import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inlineStream } from './inline-stream.js';

let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function client(files: Record<string, string>): string {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mochi-inline-'));
	for (const [name, code] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), code);
	return dir;
}

describe('inlineStream', () => {
	it("gives both modules' code, without a trailing source map comment", () => {
		const root = client({ 'runtime.js': 'customElements.define("a",class extends HTMLElement{});\n//# sourceMappingURL=runtime.js.map\n', 'stream.js': 'let s=1;\n' });
		expect(inlineStream(root, { file: 'runtime.js' }, { file: 'stream.js' })).toEqual({
			runtime: 'customElements.define("a",class extends HTMLElement{});',
			stream: 'let s=1;'
		});
	});

	it('refuses a module that imports another chunk: it could not run on its own in the page', () => {
		const root = client({ 'runtime.js': 'import"./shared.js";', 'stream.js': 'let s=1;' });
		expect(inlineStream(root, { file: 'runtime.js', imports: ['_shared.js'] }, { file: 'stream.js' })).toBeNull();
	});

	it.each([['`</script>`'], ['"</SCRIPT "'], ["'<!--'"]])('refuses code the HTML parser would cut short or misread: %s', (text) => {
		const root = client({ 'runtime.js': `let a=${text};`, 'stream.js': 'let s=1;' });
		expect(inlineStream(root, { file: 'runtime.js' }, { file: 'stream.js' })).toBeNull();
		expect(inlineStream(root, { file: 'stream.js' }, { file: 'runtime.js' })).toBeNull();
	});
});
