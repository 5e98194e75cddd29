// An enhanced form's answer that is neither a redirect nor a refresh (a fail() re-render, an error page,
// an endpoint's JSON) is shown as a plain submission would have shown it.
/**
 * HTML replaces the document (not `document.open()`, which would drop this runtime's listeners):
 * `<mochi-island>` elements in it load as on any page, and its scripts are run again by re-creating them
 * (a module already loaded, such as the runtime, does not run twice). Anything else is shown by the
 * browser itself, from a blob URL.
 */
export async function showAnswer(response: Response): Promise<void> {
	const type = response.headers.get('content-type') ?? '';
	if (!/^text\/html\b/i.test(type)) return location.assign(URL.createObjectURL(await response.blob()));
	const next = new DOMParser().parseFromString(keepPolicy(await response.text(), response), 'text/html');
	document.documentElement.replaceWith(document.adoptNode(next.documentElement));
	// Scripts parsed elsewhere never run; fresh copies, created here and once in the page, do.
	for (const old of document.querySelectorAll('script')) {
		const script = document.createElement('script');
		for (const { name, value } of old.attributes) script.setAttribute(name, value);
		// Once in a document with a header policy, the nonce attribute reads '' (browsers hide it): the property holds it.
		script.nonce = old.nonce;
		script.text = old.text;
		old.replaceWith(script);
	}
	scrollTo(0, 0);
}

/**
 * The document keeps the policy of its first response: the answer's tags carry the answer's own nonce, which
 * that policy does not allow. The server vouched for those tags with that nonce, in the header of this
 * same-origin answer (a random value nobody else knows), so they are given the document's nonce instead. In
 * the text, before parsing: Chromium checks a parsed document's styles against this document's policy at once.
 */
function keepPolicy(html: string, response: Response): string {
	const theirs = /'nonce-([^']+)/.exec(response.headers.get('content-security-policy') ?? response.headers.get('content-security-policy-report-only') ?? '')?.[1];
	// The attribute stays on a tag once the browser hides its value; the property holds it.
	const ours = document.querySelector<HTMLElement>('[nonce]')?.nonce;
	return theirs && ours ? html.replaceAll(theirs, ours) : html;
}
