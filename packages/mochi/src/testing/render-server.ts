import { render } from 'svelte/server';
import type { Component } from 'svelte';
import { state } from '../runtime/server/state.js';
import { prepareTestRequest, type TestRequest } from './test-request.js';
import { parseSetCookie, type SetCookie } from './set-cookie.js';
import { placedIslands, type PlacedIsland } from './placed-islands.js';
import { parseBody } from './container.js';

export interface RenderServerOptions<Props> {
	props?: Props;
	/** The request the component renders in. `params`, if given, is also passed as the `params` prop, as Mochi does for pages. */
	request?: TestRequest;
}

export interface ServerRendered {
	body: string;
	/** Svelte's head, then the heads of client islands rendered into the body, as the page's document would hold them. */
	head: string;
	/** The body parsed into a detached element (when a DOM exists: jsdom/happy-dom), for @testing-library queries via `within(container)`. */
	container: HTMLElement | null;
	/** What `setHeaders()` set. */
	headers: Headers;
	/** What `cookies.set()` / `cookies.delete()` did, parsed back from the `Set-Cookie` headers. */
	cookies: SetCookie[];
	/** Server islands placed in the output. */
	islands: PlacedIsland[];
}

/**
 * Server-render a page, layout or island (async SSR, top-level await ok) inside a request context.
 * Run it in vitest's default `node` environment: that is where Vite compiles components for the server.
 */
export async function renderServer<Props extends Record<string, any>>(
	component: Component<Props, any, any>,
	options: RenderServerOptions<Props> = {}
): Promise<ServerRendered> {
	const prepared = prepareTestRequest(options.request);
	const props = { ...(options.request?.params && { params: options.request.params }), ...options.props } as Props;
	// Awaited inside run(): Svelte starts async work when the result is awaited, and it must see the context.
	const out = await state.storage.run(prepared.state, async () => {
		try {
			return await render(component, { props });
		} catch (error) {
			throw explain(error);
		}
	});
	return {
		body: out.body,
		head: out.head + prepared.state.head.join(''),
		container: await parseBody(out.body),
		headers: prepared.headers ?? new Headers(),
		cookies: prepared.setCookieHeaders().map(parseSetCookie),
		islands: placedIslands(out.body, prepared.state.islands)
	};
}

// Components compiled with async on, rendered by a Svelte that doesn't know it: two copies of Svelte.
function explain(error: unknown): unknown {
	if (!(error instanceof Error) || !error.message.startsWith('await_invalid')) return error;
	return new Error(
		'renderServer: Svelte refused top-level await. Either this file runs in a browser-like environment ' +
			'(remove `// @vitest-environment jsdom`: server rendering needs the default `node` one), or the app ' +
			'and mochi-framework resolve two copies of svelte (check `npm ls svelte`).',
		{ cause: error }
	);
}
