import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.js'],
		// The demo and the JavaScript variants are generated: make them before any test reads templates/.
		globalSetup: ['./scripts/test-setup.js']
	}
});
