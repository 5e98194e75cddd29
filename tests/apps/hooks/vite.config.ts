import { defineConfig } from 'vite';
import { mochi } from 'mochi-framework/vite';

// HOOKS_CSP=1 at build time adds a policy (tests/integration/hooks-safety.test.ts): a hook's page gets its nonce.
const csp = process.env.HOOKS_CSP === '1' ? { directives: { 'script-src': ["'self'"], 'style-src': ["'self'"] } } : undefined;

// Islands are fetched, not streamed: the suites intercept and forge island answers in the browser (a redirect
// header from elsewhere, tests/e2e-hooks). Hooks around streamed islands are tests/streaming's.
export default defineConfig({
	plugins: [mochi({ islands: { stream: false }, ...(csp ? { csp } : {}) })]
});
