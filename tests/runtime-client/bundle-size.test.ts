// The bytes a page's JavaScript costs (issue 13, item 6): the island runtime alone for a page with only
// server islands, with the enhanced-forms entry beside it, and client islands' own chunk. Printed for the CI log.
import { describe, expect, it } from 'vitest';
import { CLIENT_ISLAND_ENTRY, ENHANCE_ENTRY, bundleRuntime } from './bundle-runtime.js';

describe('client bundle sizes', () => {
	it('the runtime does not grow for enhanced forms; the enhance entry stays small', async () => {
		const runtime = await bundleRuntime({ assetPrefix: '/_mochi', timeout: 10_000 });
		const enhance = await bundleRuntime({ assetPrefix: '/_mochi', timeout: 10_000, entry: ENHANCE_ENTRY });
		const clientIsland = await bundleRuntime({ assetPrefix: '/_mochi', timeout: 10_000, entry: CLIENT_ISLAND_ENTRY });
		console.log(
			`[bytes] runtime ${runtime.code.length} B raw, ${runtime.gzipped} B gzip; enhance ${enhance.code.length} B raw, ${enhance.gzipped} B gzip; ` +
				`together ${runtime.gzipped + enhance.gzipped} B gzip; client-island chunk ${clientIsland.gzipped} B gzip`
		);
		// The 1 KB of DESIGN §3 for a page with only server islands: client islands' scheduling, code check and
		// hydrate call live in their own chunk (client-island.ts), which only pages with a client island load.
		expect(runtime.gzipped).toBeLessThanOrEqual(1000);
		expect(runtime.code).not.toMatch(/requestIdleCallback|refused island code/);
		expect(clientIsland.gzipped).toBeLessThan(600);
		expect(clientIsland.code).toMatch(/requestIdleCallback/);
		expect(clientIsland.code).not.toMatch(/customElements\.define|IntersectionObserver/);
		// Loaded only by pages with an enhanced form (1375 B when written): submit, refresh, reload, show an answer;
		// 1497 B once a shown answer's tags get the document's CSP nonce (about 100 B that a strict policy needs).
		expect(enhance.gzipped).toBeLessThan(1550);
		// The enhance entry shares no module with the runtime (a shared one would become a third chunk).
		expect(enhance.code).not.toMatch(/customElements\.define|IntersectionObserver/);
		expect(enhance.code).not.toMatch(/node:|crypto|devalue/);
	});
});
