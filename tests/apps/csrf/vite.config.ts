import { defineConfig } from 'vite';
import { mochi } from 'mochi-framework/vite';

// One trusted outside origin, so the suites can tell "trusted" from "merely looks like it".
export default defineConfig({
	plugins: [mochi({ csrf: { trustedOrigins: ['https://pay.example'] } })]
});
