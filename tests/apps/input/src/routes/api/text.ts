import type { RequestContext } from 'mochi-framework';

/** The body's length, read as text or straight from the stream (`?stream`). */
export async function POST({ request, url }: RequestContext): Promise<Response> {
	if (url.searchParams.has('stream')) {
		const reader = request.body!.getReader();
		let bytes = 0;
		for (let read = await reader.read(); !read.done; read = await reader.read()) bytes += read.value.byteLength;
		return Response.json({ bytes });
	}
	return Response.json({ length: (await request.text()).length });
}
