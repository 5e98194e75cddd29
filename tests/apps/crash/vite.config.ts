import { defineConfig } from 'vite';
import { mochi } from 'mochi-framework/vite';

export default defineConfig({
	// A short render timeout, so the suites see pages, islands and endpoints that never settle cut off in a second.
	plugins: [mochi({ server: { renderTimeout: 1000 } })]
});
