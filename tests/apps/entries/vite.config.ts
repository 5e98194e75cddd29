import { defineConfig } from 'vite';
import { mochi } from 'mochi-framework/vite';

export default defineConfig({
	plugins: [mochi()]
});
