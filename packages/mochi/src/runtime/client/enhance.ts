// `<form mochi:enhance>` (DESIGN.md §9): a client entry of its own, which the server adds only to pages
// whose HTML has an enhanced form (page-document.ts). One listener on the document, so forms that arrive later (in an
// island's fragment) are enhanced too. The form is submitted with fetch, as the browser would have sent
// it, marked with `x-mochi-enhance`; the server then answers a redirect as a 204 with `x-mochi-location`,
// and says which islands to refresh in `x-mochi-refresh` (runtime/server/refresh-islands.ts).
import { ENHANCE_ATTRIBUTE, ENHANCE_ERROR_EVENT, ENHANCE_HEADER, ENHANCE_LOAD_EVENT, ENHANCE_LOCATION_HEADER, REFRESH_HEADER } from '../shared/enhance-constants.js';
import { reloadIslands, type ReloadFailure } from './refresh.js';
import { showAnswer } from './show-answer.js';

/** `detail` of `mochi:enhance-load`: the form, the islands asked for, and those that kept their old content. */
export interface EnhanceLoadDetail {
	form: HTMLFormElement;
	refreshed: string[];
	failed: ReloadFailure[];
}

/** `detail` of `mochi:enhance-error`: the submission got no answer; the form is as it was. */
export interface EnhanceErrorDetail {
	form: HTMLFormElement;
	reason: 'network';
	message: string;
}

/** Forms whose submission is in flight: a second submit is ignored, so a mutation never runs twice. */
const inFlight = new WeakSet<HTMLFormElement>();

document.addEventListener('submit', (event) => {
	const form = event.target;
	if (!(form instanceof HTMLFormElement) || event.defaultPrevented || !form.hasAttribute(ENHANCE_ATTRIBUTE)) return;
	const submitter = event.submitter as HTMLButtonElement | null;
	// The submitter's own formaction / formmethod / formenctype / formtarget win, as in a plain submission;
	// these properties are '' when it has none, and the form's are normalised (method lower-case).
	const action = new URL(submitter?.hasAttribute('formaction') ? submitter.formAction : form.action, location.href);
	const method = submitter?.formMethod || form.method;
	const enctype = submitter?.formEnctype || form.enctype;
	const target = submitter?.formTarget || form.target;
	// What stays a plain submission: GET (a navigation, nothing to refresh), dialog, text/plain, another
	// window, another origin (its answer could not be read, nor its cookies counted on).
	if (method !== 'post' || enctype === 'text/plain' || (target && target !== '_self') || action.origin !== location.origin) return;
	event.preventDefault();
	if (inFlight.has(form)) return;
	void submit(form, submitter, action, enctype === 'multipart/form-data');
});

async function submit(form: HTMLFormElement, submitter: HTMLElement | null, action: URL, multipart: boolean): Promise<void> {
	const data = new FormData(form, submitter);
	const body = multipart ? data : new URLSearchParams(data as unknown as Record<string, string>);
	// After the FormData: a disabled submitter would not be in it.
	const buttons = [...form.elements].filter(
		(element): element is HTMLButtonElement | HTMLInputElement =>
			(element instanceof HTMLButtonElement || element instanceof HTMLInputElement) && (element.type === 'submit' || element.type === 'image') && !element.disabled
	);
	// Disabling the focused button sends focus to the body: it goes back once the button is enabled again.
	const focused = document.activeElement;
	inFlight.add(form);
	form.setAttribute('aria-busy', 'true');
	for (const button of buttons) button.disabled = true;
	try {
		let response: Response;
		try {
			response = await fetch(action, { method: 'POST', body, headers: { [ENHANCE_HEADER]: '1' } });
		} catch (error) {
			return fire(form, ENHANCE_ERROR_EVENT, { form, reason: 'network', message: (error as Error).message } satisfies EnhanceErrorDetail);
		}
		await answered(form, response, action);
	} finally {
		inFlight.delete(form);
		form.removeAttribute('aria-busy');
		for (const button of buttons) button.disabled = false;
		if (focused instanceof HTMLElement && focused.isConnected && (document.activeElement === document.body || !document.activeElement)) focused.focus({ preventScroll: true });
	}
}

/** What the answer means for this page: refresh islands in place, go elsewhere, or show it. */
async function answered(form: HTMLFormElement, response: Response, action: URL): Promise<void> {
	const to = response.headers.get(ENHANCE_LOCATION_HEADER);
	const names = (response.headers.get(REFRESH_HEADER) ?? '').split(',').filter(Boolean);
	const here = (url: URL) => url.href.split('#')[0] === location.href.split('#')[0];
	if (to !== null) {
		const url = new URL(to, action);
		// Back to this very page with refreshes: nothing else on it changed, so only those islands do.
		if (!names.length || !here(url)) return location.assign(url);
	} else if (!names.length || !response.ok) {
		// A redirect the server did not turn into a 204 (a proxy's): fetch followed it with a GET, the browser does too.
		if (response.redirected) return location.assign(response.url);
		return showAnswer(response);
	}
	void response.body?.cancel();
	const failed = (await Promise.all(names.map((name) => reloadIslands(name)))).flat();
	// What the redirect would have shown: the page with an empty form again.
	form.reset();
	fire(form, ENHANCE_LOAD_EVENT, { form, refreshed: names, failed } satisfies EnhanceLoadDetail);
}

/**
 * On the form, bubbling; and when the form has left the page (it was inside an island its own answer
 * refreshed), on the document too, which the form's event no longer reaches. So a listener on the form, or
 * one on the document, hears it exactly once; `detail.form` names the form.
 */
function fire(form: HTMLFormElement, type: string, detail: EnhanceLoadDetail | EnhanceErrorDetail): void {
	const event = () => new CustomEvent(type, { bubbles: true, detail });
	form.dispatchEvent(event());
	if (!form.isConnected) document.dispatchEvent(event());
}
