import { defineConfig } from 'vite';
import { mochi } from 'mochi-framework/vite';

// The strict policy the CSP suites check every Mochi feature against. CSP_REPORT_ONLY=1 at build time
// sends the same policy report-only (tests/e2e-csp/report-only.test.ts).
export default defineConfig({
	plugins: [
		mochi({
			csp: {
				directives: {
					'default-src': ["'self'"],
					'script-src': ["'self'"],
					'style-src': ["'self'"],
					'img-src': ["'self'", 'data:'],
					'object-src': ["'none'"],
					'base-uri': ["'self'"],
					'form-action': ["'self'"]
				},
				reportOnly: process.env.CSP_REPORT_ONLY === '1'
			}
		})
	]
});
