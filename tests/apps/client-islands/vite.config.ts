import { defineConfig } from 'vite';
import { mochi } from 'mochi-framework/vite';

// Its suites count props blocks, scripts and island requests of fetched islands (DESIGN.md §3): its on-demand
// pages don't stream. Streaming has its own app and suites (tests/apps/streaming, tests/streaming).
export default defineConfig({ plugins: [mochi({ islands: { stream: false } })] });
