import { defineConfig } from 'vite';
import { mochi } from 'mochi-framework/vite';

// Islands and built assets under another prefix than /_mochi.
export default defineConfig({
	plugins: [mochi({ assetPrefix: '/static/m' })]
});
