/** Never returns its Response. */
export function GET(): Promise<Response> {
	return new Promise(() => {});
}
