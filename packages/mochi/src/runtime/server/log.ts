export type Log = (line: string) => void;

export const defaultLog: Log = (line) => console.error(line);

/**
 * Told of an unexpected error while serving `request`; may return markup for the error page's head
 * (an inline script there must carry `cspNonce`, the page's CSP nonce, when there is one).
 */
export type ErrorReporter = (error: unknown, request: Request, cspNonce?: string) => { head?: string } | void;

/**
 * A log that prints at most `limit` lines per `windowMs` for each key, then one summary line.
 * Bots sending junk tokens must not be able to flood the server's log.
 */
export function rateLimited(log: Log, limit = 20, windowMs = 10_000): (key: string, line: string) => void {
	const windows = new Map<string, { start: number; count: number }>();
	return (key, line) => {
		const now = Date.now();
		let window = windows.get(key);
		if (!window || now - window.start >= windowMs) {
			if (window && window.count > limit) log(`[mochi] ${window.count - limit} more "${key}" lines suppressed`);
			window = { start: now, count: 0 };
			windows.set(key, window);
		}
		window.count += 1;
		if (window.count <= limit) log(line);
	};
}

/** The first line of an error, for one-line logs. */
export function firstLine(error: unknown): string {
	const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
	return text.split('\n')[0];
}
