import { defineConfig } from 'vite';
import { mochi } from 'mochi-framework/vite';

// The same app with the CSRF check turned off (tests/integration/csrf.test.ts runs it in the dev server).
export default defineConfig({
	plugins: [mochi({ csrf: false })]
});
