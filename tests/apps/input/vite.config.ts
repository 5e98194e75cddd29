import { defineConfig } from 'vite';
import { mochi } from 'mochi-framework/vite';

export default defineConfig({
	// A small body limit, so the suite can cross it cheaply.
	plugins: [mochi({ server: { bodyLimit: 64 * 1024 } })]
});
