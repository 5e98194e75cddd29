import { defineConfig } from 'vite';
import { mochi } from 'mochi-framework/vite';

// The suites on this app test islands as fetched (DESIGN.md §3: preloads, the runtime's request, refusals), so
// its on-demand pages don't stream; streaming has its own app and suites (tests/apps/streaming, tests/streaming).
export default defineConfig({
	plugins: [mochi({ islands: { stream: false } })]
});
