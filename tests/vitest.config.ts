import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['**/*.test.ts'],
		exclude: ['**/node_modules/**'],
		// Browser and build tests are slow and share ports and Chromium: one file at a time.
		testTimeout: 60000,
		fileParallelism: false
	}
});
