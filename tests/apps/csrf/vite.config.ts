import { defineConfig } from 'vite';
import { mochi } from 'mochi-framework/vite';

// One trusted outside origin, so the suites can tell "trusted" from "merely looks like it". Islands are fetched,
// not streamed: the browser suite checks the Referer an island request carries (streaming: tests/streaming).
export default defineConfig({
	plugins: [mochi({ csrf: { trustedOrigins: ['https://pay.example'] }, islands: { stream: false } })]
});
