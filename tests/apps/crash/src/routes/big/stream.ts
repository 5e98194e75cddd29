import type { RequestContext } from 'mochi-framework';

/** `?mb=N` (1–64) megabytes of an endpoint's own stream, produced as fast as the client takes it. */
export function GET({ url }: RequestContext): Response {
	const mb = Math.min(64, Math.max(1, Number(url.searchParams.get('mb')) || 16));
	const chunk = new Uint8Array(64 * 1024).fill(0x6d);
	let left = (mb * 1024 * 1024) / chunk.length;
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (left-- === 0) return controller.close();
			controller.enqueue(chunk);
		}
	});
	return new Response(body, { headers: { 'content-length': String(mb * 1024 * 1024), 'cache-control': 'no-store' } });
}
