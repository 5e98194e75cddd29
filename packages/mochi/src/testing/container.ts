import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * `html` parsed into a detached `<div>`, for `within(container)` queries. Server rendering runs in
 * vitest's `node` environment (a `jsdom` one compiles components for the browser), so without a
 * global DOM a private jsdom document is used, if the app has jsdom installed; else `null`.
 */
export async function parseBody(html: string): Promise<HTMLElement | null> {
	const document = globalThis.document ?? privateDocument;
	if (!document) return null;
	const container = document.createElement('div');
	container.innerHTML = html;
	return container;
}

// Resolved from the app (vitest runs in its root), which is where jsdom is installed, not Mochi.
async function createDocument(): Promise<Document | null> {
	let entry: string;
	try {
		entry = createRequire(path.join(process.cwd(), 'package.json')).resolve('jsdom');
	} catch {
		return null;
	}
	const jsdom = (await import(pathToFileURL(entry).href)) as { JSDOM?: JSDOMClass; default?: { JSDOM: JSDOMClass } };
	const JSDOM = jsdom.JSDOM ?? jsdom.default!.JSDOM;
	return new JSDOM('<!doctype html><html><body></body></html>').window.document;
}

// Made when a test file imports mochi-framework/testing, while vitest collects it, so outside any test's
// timeout: loading jsdom takes seconds on a busy machine (3.7 s at a load of 10 on two cores), which the
// first renderServer() of each file used to pay inside its test, against vitest's 5 s default.
const privateDocument: Document | null = globalThis.document ? null : await createDocument();

type JSDOMClass = new (html: string) => { window: { document: Document } };
