import { describe, expect, it } from 'vitest';
import type { ConfigEnv, UserConfig } from 'vite';
import { configPlugin, TEST_TIMEOUT } from './config.js';
import { createPluginContext } from './context.js';
import { resolveOptions } from '../options.js';

const env: ConfigEnv = { command: 'serve', mode: 'test' };

/** What mochi:config adds to `config` (vitest's has a `test` key). */
function added(config: UserConfig & { test?: Record<string, unknown> }) {
	const plugin = configPlugin(createPluginContext(resolveOptions({})));
	const hook = plugin.config as (config: UserConfig, env: ConfigEnv) => UserConfig & { test?: Record<string, unknown> };
	return hook.call({} as never, config, env);
}

describe('mochi:config under vitest', () => {
	it("gives each test 30 s, not vitest's 5 s, unless the app says otherwise", () => {
		expect(TEST_TIMEOUT).toBe(30_000);
		expect(added({ test: {} }).test?.testTimeout).toBe(30_000);
		expect(added({ test: { testTimeout: 1234 } }).test).not.toHaveProperty('testTimeout');
		expect(added({ test: { testTimeout: 0 } }).test).not.toHaveProperty('testTimeout');
	});

	it('adds no test settings outside vitest', () => {
		expect(added({})).not.toHaveProperty('test');
	});
});
