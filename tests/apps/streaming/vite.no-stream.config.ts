import { defineConfig } from 'vite';
import { mochi } from 'mochi-framework/vite';
import { strict } from './vite.config.js';

export default defineConfig({
	plugins: [mochi({ csp: strict, islands: { stream: false } })]
});
