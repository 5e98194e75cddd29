// The bytes a page's JavaScript costs (issue 13, item 6): the island runtime alone for a page with only
// server islands, and with the enhanced-forms entry beside it. Printed for the CI log.
import { describe, expect, it } from 'vitest';
import { ENHANCE_ENTRY, bundleRuntime } from './bundle-runtime.js';

describe('client bundle sizes', () => {
	it('the runtime does not grow for enhanced forms; the enhance entry stays small', async () => {
		const runtime = await bundleRuntime({ assetPrefix: '/_mochi', timeout: 10_000 });
		const enhance = await bundleRuntime({ assetPrefix: '/_mochi', timeout: 10_000, entry: ENHANCE_ENTRY });
		console.log(`[bytes] runtime ${runtime.code.length} B raw, ${runtime.gzipped} B gzip; enhance ${enhance.code.length} B raw, ${enhance.gzipped} B gzip; together ${runtime.gzipped + enhance.gzipped} B gzip`);
		// Over 1 KiB already before issue 13 (1195 B): enhanced forms live in their own entry, and what the runtime
		// gained for them (a public load(), the fetch's promise) was paid for by trimming, so it is no bigger.
		expect(runtime.gzipped).toBeLessThanOrEqual(1195);
		// Loaded only by pages with an enhanced form (1375 B when written): submit, refresh, reload, show an answer.
		expect(enhance.gzipped).toBeLessThan(1400);
		// The enhance entry shares no module with the runtime (a shared one would become a third chunk).
		expect(enhance.code).not.toMatch(/customElements\.define|IntersectionObserver/);
		expect(enhance.code).not.toMatch(/node:|crypto|devalue/);
	});
});
