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
		if (old.nonce) script.nonce = old.nonce;
		script.text = old.text;
		old.replaceWith(script);
	}
	scrollTo(0, 0);
}

/**
 * The document keeps the policy of its first response: the answer's tags carry the answer's own nonce, which
 * that policy does not allow. Those tags, and only those (the server vouched for them with that nonce, in the
 * header of this same-origin answer; nobody else can know it), are given the document's nonce instead. In the
 * text, before parsing: Chromium checks a parsed document's styles against this document's policy at once.
 */
function keepPolicy(html: string, response: Response): string {
	const policy = response.headers.get('content-security-policy') ?? response.headers.get('content-security-policy-report-only') ?? '';
	const theirs = /'nonce-([^']+)'/.exec(policy)?.[1];
	const ours = theirs && documentNonce();
	return theirs && ours && theirs !== ours ? html.replaceAll(`nonce="${theirs}"`, `nonce="${ours}"`) : html;
}

/** The nonce the document's policy allows, from any element that carried it ('' when none did: no nonce policy). */
function documentNonce(): string {
	for (const element of document.querySelectorAll<HTMLElement>('script, style, link')) if (element.nonce) return element.nonce;
	return '';
}
