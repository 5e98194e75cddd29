/**
 * A page that cannot be prerendered as written: the message names the page file and its params, and says what
 * to change. The CLI prints it without a stack (the framework's frames would not help).
 */
export class PrerenderError extends Error {
	override name = 'PrerenderError';
}
