import type { RequestContext } from 'mochi-framework';

/** Echoes a form body's fields (file fields by name and size). */
export async function POST({ request }: RequestContext): Promise<Response> {
	const data = await request.formData();
	const fields = [...data].map(([name, value]) => [name, typeof value === 'string' ? value : `file:${value.size}`]);
	return Response.json({ fields });
}
