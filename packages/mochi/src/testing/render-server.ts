import { render } from 'svelte/server';
import type { Component } from 'svelte';
import { state } from '../runtime/server/state.js';
import { Redirect } from '../runtime/server/redirect.js';
import { redirectAnswer } from '../runtime/server/thrown.js';
import { withContextHeaders, type PreparedRequest } from '../runtime/server/create-context.js';
import { createHookRunner } from '../runtime/server/hooks.js';
import { fromWebResponse, type Answer } from '../runtime/server/exchange.js';
import type { Handle } from '../runtime/server/sequence.js';
import { prepareTestRequest, type TestRequest } from './test-request.js';
import { parseSetCookie, type SetCookie } from './set-cookie.js';
import { placedIslands, type PlacedIsland } from './placed-islands.js';
import { parseBody } from './container.js';

export interface RenderServerOptions<Props> {
	props?: Props;
	/** The request the component renders in. `params`, if given, is also passed as the `params` prop, as Mochi does for pages. */
	request?: TestRequest;
	/**
	 * The app's `handle` (`import { handle } from '../hooks.server'`): it runs around the render as it does
	 * around a page request, so what it puts in `locals` reaches the component, and what it answers, sets
	 * or redirects to is what you get back. Without it no hook runs: pass `request.locals` instead.
	 */
	handle?: Handle;
}

export interface ServerRendered {
	/** 200, what `setStatus()` set, a redirect's status, or whatever status the hook answered with. */
	status: number;
	body: string;
	/** Svelte's head, then the heads of client islands rendered into the body, as the page's document would hold them; '' if nothing rendered. */
	head: string;
	/** The body parsed into a detached element (when a DOM exists: jsdom/happy-dom), for @testing-library queries via `within(container)`. */
	container: HTMLElement | null;
	/** What `setHeaders()` set (and, with `handle`, the headers of its answer); `location` for a redirect. */
	headers: Headers;
	/** What `cookies.set()` / `cookies.delete()` did, parsed back from the `Set-Cookie` headers. */
	cookies: SetCookie[];
	/** Server islands placed in the output. */
	islands: PlacedIsland[];
}

/**
 * Server-render a page, layout or island (async SSR, top-level await ok) inside a request context.
 * Run it in vitest's default `node` environment: that is where Vite compiles components for the server.
 * A `redirect()` it (or the hook) throws comes back as `status` and a `location` header; `error()` and
 * anything else is thrown, as there is no error page without an app.
 */
export async function renderServer<Props extends Record<string, any>>(
	component: Component<Props, any, any>,
	options: RenderServerOptions<Props> = {}
): Promise<ServerRendered> {
	const prepared = prepareTestRequest(options.request);
	const props = { ...(options.request?.params && { params: options.request.params }), ...options.props } as Props;
	let head = '';
	// Awaited inside run(): Svelte starts async work when the result is awaited, and it must see the context.
	const serve = (): Promise<Answer> =>
		state.storage.run(prepared.state, async () => {
			try {
				const out = await render(component, { props });
				head = out.head + prepared.state.head.join('');
				return { status: prepared.status ?? 200, headers: withContextHeaders({}, prepared), cookies: prepared.setCookieHeaders(), body: out.body };
			} catch (error) {
				return thrown(error, prepared);
			}
		});
	const hooks = options.handle ? createHookRunner({ file: 'handle', module: { handle: options.handle } }, () => {}) : null;
	const answered = hooks ? await hooks(prepared, { serve, thrown }) : await serve();
	const answer = answered instanceof Response ? await fromWebResponse(answered) : answered;
	const headers = new Headers(answer.headers);
	return {
		status: answer.status,
		body: answer.body,
		head,
		container: await parseBody(answer.body),
		headers,
		cookies: answer.cookies.map(parseSetCookie),
		islands: placedIslands(answer.body, prepared.state.islands)
	};
}

/** A redirect becomes the answer, as in an app; anything else is the test's to see. */
function thrown(error: unknown, prepared: PreparedRequest): Answer {
	if (error instanceof Redirect) {
		const answer = redirectAnswer(error.status, error.location, prepared.setCookieHeaders());
		return { ...answer, headers: { location: answer.headers.location } };
	}
	throw explain(error);
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
