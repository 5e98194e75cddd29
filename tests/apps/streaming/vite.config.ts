import { defineConfig } from 'vite';
import { mochi } from 'mochi-framework/vite';

// Streaming (tests/streaming): under the strict policy of the CSP suites, so every browser test also counts
// violations. vite.no-stream.config.ts is the same app with `stream: false`.
export const strict = {
	directives: {
		'default-src': ["'self'"],
		'script-src': ["'self'"],
		'style-src': ["'self'"],
		'object-src': ["'none'"],
		'base-uri': ["'self'"]
	}
};

export default defineConfig({
	plugins: [mochi({ csp: strict })]
});
