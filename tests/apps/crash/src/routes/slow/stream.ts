/**
 * Returns its Response at once and streams the body for 2.5 s, past the render timeout: the timeout covers the
 * handler until it returns, not the streaming afterwards.
 */
export function GET(): Response {
	let sent = 0;
	const body = new ReadableStream<Uint8Array>({
		async pull(controller) {
			if (sent === 5) return controller.close();
			await new Promise((resolve) => setTimeout(resolve, 500));
			controller.enqueue(new TextEncoder().encode(`chunk ${++sent}\n`));
		}
	});
	return new Response(body, { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}
