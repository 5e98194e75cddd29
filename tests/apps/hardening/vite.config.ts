import { defineConfig } from 'vite';
import { mochi } from 'mochi-framework/vite';

// Islands are fetched, not streamed: the load suites drive the island endpoint themselves and read the log
// (a streamed page would render its Boom island, which always throws). Streaming under nginx and load has its
// own suites (hardening/nginx-streaming, tests/streaming).
export default defineConfig({
	plugins: [mochi({ islands: { stream: false } })]
});
