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
	const next = new DOMParser().parseFromString(await response.text(), 'text/html');
	document.documentElement.replaceWith(document.adoptNode(next.documentElement));
	// Scripts parsed elsewhere never run; fresh copies, created here and once in the page, do.
	for (const old of document.querySelectorAll('script')) {
		const script = document.createElement('script');
		for (const { name, value } of old.attributes) script.setAttribute(name, value);
		script.text = old.text;
		old.replaceWith(script);
	}
	scrollTo(0, 0);
}
