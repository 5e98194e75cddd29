import { defineConfig } from 'vitest/config';

// The hardening suites (load, soak, cluster, nginx) take minutes: `vitest run` skips them, and they run
// only when named (`vitest run hardening`, which `pnpm test:hardening` does).
const hardening = process.argv.slice(2).some((arg) => /(^|\/)hardening\b/.test(arg));

export default defineConfig({
	test: {
		include: ['**/*.test.ts'],
		// Fixture apps' own tests run through their own vite.config.ts (see testing/component-tests.test.ts).
		exclude: ['**/node_modules/**', 'apps/**', ...(hardening ? [] : ['hardening/**'])],
		// Browser and build tests are slow and share ports and Chromium: one file at a time.
		testTimeout: 60000,
		// Hooks build apps, bundle the runtime and launch Chromium: vitest's 10 s default is not enough under load.
		hookTimeout: 120_000,
		fileParallelism: false,
		// Children inherit it: with CI set (as on the CI machine) Vite and picocolors colour their terminal
		// output, and log assertions would see colour codes inside "127.0.0.1:PORT". helpers/output.ts strips
		// them too, for children started with an environment of their own.
		env: { NO_COLOR: '1' }
	}
});
