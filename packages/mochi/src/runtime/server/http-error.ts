/** Thrown by `error(status, message)`; rendered with the nearest `_error.svelte`. */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
		this.name = 'HttpError';
	}
}

/**
 * Stop rendering and answer with an error page, e.g. `error(404, 'No such product')`.
 * In an endpoint or an island, the status and message become the response.
 */
export function error(status: number, message: string): never {
	if (!Number.isInteger(status) || status < 400 || status > 599) {
		throw new RangeError(`error(status, message): status must be an integer from 400 to 599, got ${status}`);
	}
	throw new HttpError(status, message);
}
