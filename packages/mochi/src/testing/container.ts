import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

let privateDocument: Promise<Document | null> | undefined;

/**
 * `html` parsed into a detached `<div>`, for `within(container)` queries. Server rendering runs in
 * vitest's `node` environment (a `jsdom` one compiles components for the browser), so without a
 * global DOM a private jsdom document is used, if the app has jsdom installed; else `null`.
 */
export async function parseBody(html: string): Promise<HTMLElement | null> {
	const document = globalThis.document ?? (await (privateDocument ??= createDocument()));
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

type JSDOMClass = new (html: string) => { window: { document: Document } };
