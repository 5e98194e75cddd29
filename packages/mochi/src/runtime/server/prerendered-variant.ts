/**
 * One encoding of one prerendered page: its ETag, its headers, and where its bytes come from — a file of
 * the build, or made from another variant — read on first request and then kept in memory while the
 * server's budget for page bodies lasts (past it, read for each request, as sirv reads files). Nothing is
 * read at start-up, so a server with ten thousand pages starts as fast as one with ten.
 */
export class Variant {
	/** The bytes, once read and kept; the hot path sends these with one `end`. */
	body: Uint8Array | null = null;
	#ok: Record<string, string> | null = null;
	#notModified: Record<string, string> | null = null;
	#reading: Promise<Uint8Array> | null = null;

	constructor(
		readonly etag: string,
		readonly encoding: 'br' | 'gzip' | null,
		private readonly headers: Record<string, string>,
		/** Known from the build's manifest, else once made. */
		public size: number | null,
		private readonly source: () => Promise<Uint8Array>,
		private readonly budget: BodyBudget
	) {}

	/** The headers of a 304: built once, so nothing is allocated per request. */
	get notModified(): Record<string, string> {
		return (this.#notModified ??= { ...this.headers, etag: this.etag, ...(this.encoding && { 'content-encoding': this.encoding }) });
	}

	/** The headers of a 200; the size must be known (from the manifest, or `read()` first). */
	get ok(): Record<string, string> {
		return (this.#ok ??= { ...this.notModified, 'content-length': String(this.size) });
	}

	/** Keeps bytes just made (the identity of a re-signed page) if the budget allows. */
	offer(bytes: Uint8Array): void {
		this.size = bytes.byteLength;
		if (!this.body && this.budget.take(bytes.byteLength)) this.body = bytes;
	}

	/** Its bytes; concurrent first requests share one read. */
	read(): Promise<Uint8Array> {
		if (this.body) return Promise.resolve(this.body);
		return (this.#reading ??= this.source().then(
			(bytes) => {
				this.#reading = null;
				// A file replaced or cut short since the build (or since its first read): its Content-Length
				// would lie, and Node throws on writing more than it says, so it is an error (a 500), not a page.
				if (this.size !== null && bytes.byteLength !== this.size) {
					throw new Error(`it has ${bytes.byteLength} bytes where ${this.size} were expected (changed on disk since the build?)`);
				}
				this.offer(bytes);
				return bytes;
			},
			(error: unknown) => {
				this.#reading = null;
				throw error;
			}
		));
	}
}

/** What page bodies may hold in memory together; whatever is past it is read from disk again per request. */
export class BodyBudget {
	constructor(private remaining: number) {}

	take(bytes: number): boolean {
		if (bytes > this.remaining) return false;
		this.remaining -= bytes;
		return true;
	}
}
