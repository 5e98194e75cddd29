import { defineConfig } from 'vite';
import { mochi } from 'mochi-framework/vite';

// One config for `mochi dev`, `mochi build` and vitest, so tests run the code production runs.
export default defineConfig({
	plugins: [mochi()]
});
