// The island request a streaming page makes on its visitor's behalf (stream-page.ts): what the browser would
// have sent for `GET {assetPrefix}/island/{Name}?p=TOKEN` from that page, so the island endpoint, the hooks and
// the island itself see what they would see when fetched: the island URL, the visitor's cookies and headers,
// the page as its Referer (`ctx.pageUrl`), the same client address.
import type { IncomingRequest } from '../exchange.js';

export function streamedIslandRequest(page: IncomingRequest, url: URL, signal: AbortSignal): IncomingRequest {
	let request: Request | undefined;
	const referer = page.url.href;
	return {
		method: 'GET',
		url,
		header: (name) => (name === 'referer' ? referer : page.header(name)),
		clientAddress: () => page.clientAddress(),
		request() {
			if (request) return request;
			// Aborted when the visitor goes away mid-stream: an island passing `request.signal` on stops its work.
			const headers = new Headers(page.request().headers);
			headers.set('referer', referer);
			return (request = new Request(url, { headers, signal }));
		}
	};
}
