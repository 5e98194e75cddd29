import { describe, expect, it } from 'vitest';
import { describeChain, isServerOnly } from './server-only.js';

describe('isServerOnly', () => {
	const root = '/app';

	it('marks src/lib/server/** and *.server.ts / *.server.js as server-only', () => {
		expect(isServerOnly('/app/src/lib/server/db.ts', root)).toBe(true);
		expect(isServerOnly('/app/src/lib/server/deep/keys.js', root)).toBe(true);
		expect(isServerOnly('/app/src/lib/secrets.server.ts', root)).toBe(true);
		expect(isServerOnly('/app/src/routes/api.server.js', root)).toBe(true);
		expect(isServerOnly('/app/src/hooks.server.ts', root)).toBe(true);
	});

	it('leaves everything else alone', () => {
		expect(isServerOnly('/app/src/lib/format.ts', root)).toBe(false);
		expect(isServerOnly('/app/src/lib/Counter.svelte', root)).toBe(false);
		expect(isServerOnly('/app/src/lib/serverless.ts', root)).toBe(false);
		expect(isServerOnly('/app/src/lib/server.ts', root)).toBe(false);
		expect(isServerOnly('/app/src/lib/observer.server.svelte.d.ts', root)).toBe(false);
		expect(isServerOnly('/app/src/server/db.ts', root)).toBe(false);
		expect(isServerOnly('/app/lib/server/db.ts', root)).toBe(false);
		// Not the app's own code: another app, a package, a virtual module.
		expect(isServerOnly('/other/src/lib/server/db.ts', root)).toBe(false);
		expect(isServerOnly('/application/src/lib/server/db.ts', root)).toBe(false);
		expect(isServerOnly('/app/node_modules/pkg/src/lib/server/db.ts', root)).toBe(false);
		expect(isServerOnly('/app/node_modules/pkg/index.server.js', root)).toBe(false);
		expect(isServerOnly('\0/app/src/lib/server/db.ts', root)).toBe(false);
		expect(isServerOnly('\0virtual:mochi/island/Counter', root)).toBe(false);
	});

	it('looks through query and hash suffixes', () => {
		expect(isServerOnly('/app/src/lib/server/db.ts?v=123', root)).toBe(true);
		expect(isServerOnly('/app/src/lib/db.server.ts?import&v=1a2b', root)).toBe(true);
		expect(isServerOnly('/app/src/lib/db.server.ts#x', root)).toBe(true);
		expect(isServerOnly('/app/src/lib/format.ts?v=src/lib/server/x.ts', root)).toBe(false);
	});

	it('understands Windows paths, either slash, any drive-letter case', () => {
		expect(isServerOnly('C:\\app\\src\\lib\\server\\db.ts', 'C:\\app')).toBe(true);
		expect(isServerOnly('C:/app/src/lib/server/db.ts?v=123', 'C:\\app')).toBe(true);
		expect(isServerOnly('c:/app/src/lib/db.server.js', 'C:/app/')).toBe(true);
		expect(isServerOnly('C:\\app\\src\\lib\\format.ts', 'C:\\app')).toBe(false);
		expect(isServerOnly('D:\\app\\src\\lib\\server\\db.ts', 'C:\\app')).toBe(false);
	});
});

describe('describeChain', () => {
	it('names the chain from the island, app-relative', () => {
		const chain = ['\0virtual:mochi/island/Counter', '/app/src/lib/Counter.svelte', '/app/src/lib/format.ts?v=1', '/app/src/lib/server/db.ts'];
		expect(describeChain(chain, '/app')).toBe(
			'src/lib/server/db.ts is server-only, but the browser would load it: src/lib/Counter.svelte (client island) → src/lib/format.ts → src/lib/server/db.ts'
		);
	});

	it('names a chain that does not start at an island as it is', () => {
		expect(describeChain(['/app/src/lib/a.ts', '/app/src/lib/b.server.ts'], '/app')).toBe(
			'src/lib/b.server.ts is server-only, but the browser would load it: src/lib/a.ts → src/lib/b.server.ts'
		);
	});
});
