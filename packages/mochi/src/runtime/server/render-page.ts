import type { Component } from 'svelte';
import { inRequest, type AppRuntime } from './state.js';
import { interpretThrown, redirectAnswer } from './thrown.js';
import { createRequestState, withContextHeaders, type PreparedRequest } from './create-context.js';
import type { Answer, IncomingRequest } from './exchange.js';
import { firstLine, type ErrorReporter, type Log } from './log.js';
import type { ClientAssets, ComponentModule, ServerManifest } from './app-types.js';
import { createDocument } from './page-document.js';
import type { CspPolicy } from './csp.js';
import { escapeHtml } from './escape.js';
import { htmlHeaders } from './security-headers.js';
import { TIMED_OUT, TIMEOUT_STATUS, ownDeadline } from './render-timeout.js';
import { planStream, type PlacedSlot } from './stream-page.js';

type Load<T> = () => Promise<T>;

export interface PageRendererOptions {
	manifest: ServerManifest;
	assets: ClientAssets;
	fill: (head: string, body: string) => string;
	runtime: AppRuntime;
	onError: ErrorReporter;
	log: Log;
	/** `mochi({ csp })`'s policy, or null: no header, no nonce. */
	csp: CspPolicy | null;
}

export interface PageRequest {
	request: IncomingRequest;
	params: Record<string, string>;
	/** The key of `assets.css` for this page. */
	cssKey: string;
	layouts: Array<Load<ComponentModule>>;
	page: Load<ComponentModule> | null;
	error: Load<ComponentModule> | null;
	/** Set for a page that is known to be missing or failing before rendering starts (404). */
	status?: number;
	/**
	 * `mochi build`: the nonce placeholder of prerendered pages, used instead of a fresh nonce. The page
	 * then gets no policy header here: the server works out its hashes when it starts (prerendered-csp.ts).
	 */
	cspPlaceholder?: string;
	/** What the page's form action returned (actions.ts); the page's `form` prop, never its layouts'. */
	form?: unknown;
	/** The request state a hook already runs in (its `locals`, its `cspNonce`); made here otherwise. */
	prepared?: PreparedRequest;
}

export interface RenderedPage {
	answer: Answer;
	prepared: PreparedRequest;
	/** The page's own markup rendered and may stream these islands (stream-page.ts); absent otherwise. */
	stream?: PlacedSlot[];
}

/** Render a page in its layouts inside a fresh request context; failures go to the error page. */
export function createPageRenderer(options: PageRendererOptions) {
	const { manifest, fill } = options;
	const document = createDocument(options);

	async function renderTree(modules: ComponentModule[], props: Record<string, unknown>, nonce: string | undefined) {
		const components: Component<any>[] = modules.map((m) => m.default);
		// The nonce goes on Svelte's `hydratable()` data script, if any component of the page calls it.
		return await manifest.render(manifest.root, { props: { components, props }, csp: nonce ? { nonce } : undefined });
	}

	/** An error page keeps the cookies set before the failure, not the headers (a cache-control meant for the page). */
	function html(body: string, status: number, prepared: PreparedRequest, keepHeaders: boolean): Answer {
		const base = htmlHeaders();
		const headers = keepHeaders ? withContextHeaders(base, prepared) : base;
		return { status, headers, cookies: prepared.setCookieHeaders(), body };
	}

	async function renderError(page: PageRequest, prepared: PreparedRequest, status: number, message: string, extraHead = '') {
		// An error page fetches its islands: streaming is for the page's own markup.
		prepared.state.stream = undefined;
		// A page's `error` is the nearest _error.svelte at or above it (the root one included).
		const load = page.error;
		const props = { status, message, params: page.params };
		if (load) {
			const errorModule = await load();
			// First inside the page's layouts; if a layout is what failed, the error page alone.
			for (const layouts of [page.layouts, []]) {
				try {
					const modules = [...(await Promise.all(layouts.map((l) => l()))), errorModule];
					const out = await renderTree(modules, props, prepared.state.context.cspNonce);
					// The page's own stylesheet holds its layouts' and its error page's CSS (core/plugins/css.ts).
					return html(document(page.cssKey, out.head + extraHead, out.body), status, prepared, false);
				} catch (error) {
					options.log(`[mochi] the error page failed to render: ${firstLine(error)}`);
				}
			}
		}
		const text = escapeHtml(`${status} ${message}`);
		return html(fill(`<title>${text}</title>${extraHead}`, `<h1>${text}</h1>`), status, prepared, false);
	}

	return async function renderPage(page: PageRequest): Promise<RenderedPage> {
		const { request } = page;
		const { csp } = options;
		// Only with a policy: pages of an app without one pay nothing for it. A hook's request state has its nonce already.
		const cspNonce = page.prepared ? page.prepared.state.context.cspNonce : pageNonce(csp, page);
		const prepared = page.prepared ?? createRequestState({ request, params: page.params, app: options.runtime, cspNonce });
		let stream: PlacedSlot[] | undefined;
		const rendering = inRequest(prepared.state, async () => {
			if (!page.page) return renderError(page, prepared, page.status ?? 404, 'Not found');
			try {
				const modules = await Promise.all([...page.layouts.map((l) => l()), page.page()]);
				// A GET of an on-demand page may stream (stream-page.ts); a prerendered one is the same file for everyone.
				if (options.runtime.stream && options.assets.stream && request.method === 'GET' && modules.at(-1)!.prerender !== true) prepared.state.stream = [];
				const out = await renderTree(modules, { params: page.params, form: page.form }, cspNonce);
				const head = out.head + prepared.state.head.join('');
				const planned = planStream(prepared, out.body);
				stream = planned.slots;
				const body = document(page.cssKey, head, planned.body, prepared.state.islands, planned.slots, cspNonce);
				return html(body, prepared.status ?? 200, prepared, true);
			} catch (error) {
				const thrown = interpretThrown(error, options.runtime.dev);
				if (thrown.type === 'redirect') return redirectAnswer(thrown.status, thrown.location, prepared.setCookieHeaders());
				const reported = thrown.type === 'crash' ? options.onError(error, request.request(), cspNonce) : undefined;
				return renderError(page, prepared, thrown.status, thrown.message, reported?.head);
			}
		});
		const deadline = ownDeadline(options.runtime, prepared);
		const settled = deadline ? await deadline(rendering, request) : await rendering;
		if (settled === TIMED_OUT) return { answer: pageTimeoutAnswer(fill), prepared };
		const answer = settled;
		// Error pages too; over any policy the app set with setHeaders: this one knows the nonce.
		if (csp && cspNonce && !page.cspPlaceholder) answer.headers[csp.name] = csp.forNonce(cspNonce);
		return { answer, prepared, stream: stream?.length ? stream : undefined };
	};
}

/** The CSP nonce of a page's request state: a fresh one, the build's placeholder, or none without a policy. */
export function pageNonce(csp: CspPolicy | null | undefined, page: { cspPlaceholder?: string }): string | undefined {
	return csp ? (page.cspPlaceholder ?? csp.nonce()) : undefined;
}

/**
 * Past the render timeout: a plain document, not the app's error page, whose layouts may be what is stuck.
 * Neither the page's headers nor its cookies: the render has not finished, and a cache must not keep this.
 */
export function pageTimeoutAnswer(fill: (head: string, body: string) => string): Answer {
	const text = `${TIMEOUT_STATUS} Service Unavailable`;
	const body = fill(`<title>${text}</title>`, `<h1>${text}</h1><p>The page took too long to render.</p>`);
	return { status: TIMEOUT_STATUS, headers: { ...htmlHeaders(), 'cache-control': 'no-store' }, cookies: [], body };
}
