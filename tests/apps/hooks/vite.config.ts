import { defineConfig } from 'vite';
import { mochi } from 'mochi-framework/vite';

// HOOKS_CSP=1 at build time adds a policy (tests/integration/hooks-safety.test.ts): a hook's page gets its nonce.
const csp = process.env.HOOKS_CSP === '1' ? { directives: { 'script-src': ["'self'"], 'style-src': ["'self'"] } } : undefined;

export default defineConfig({
	plugins: [mochi(csp ? { csp } : {})]
});
