/** Answers after a while: long enough for a client to give up first. */
export async function GET(): Promise<Response> {
	await new Promise((resolve) => setTimeout(resolve, 400));
	return new Response('slow');
}
