import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['src/**/*.test.ts'],
		// Many unit tests run real servers, sockets, child processes and svelte-check: on a busy two-core
		// machine vitest's 5 s (tests) and 10 s (hooks) defaults fail them without anything being wrong.
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
