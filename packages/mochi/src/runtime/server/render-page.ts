import type { Component } from 'svelte';
import { state, type AppRuntime } from './state.js';
import { interpretThrown, redirectAnswer } from './thrown.js';
import { createRequestState, withContextHeaders, type PreparedRequest } from './create-context.js';
import type { Answer, IncomingRequest } from './exchange.js';
import { firstLine, type ErrorReporter, type Log } from './log.js';
import type { ClientAssets, ComponentModule, ServerManifest } from './app-types.js';
import { ISLAND_TAG, MAX_GET_TOKEN_LENGTH, TOKEN_PARAM } from '../shared/constants.js';
import type { SignedIsland } from './islands/island-attributes.js';
import { escapeHtml } from './escape.js';
import { htmlHeaders } from './security-headers.js';

type Load<T> = () => Promise<T>;

export interface PageRendererOptions {
	manifest: ServerManifest;
	assets: ClientAssets;
	fill: (head: string, body: string) => string;
	runtime: AppRuntime;
	onError: ErrorReporter;
	log: Log;
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
	/** What the page's form action returned (actions.ts); the page's `form` prop, never its layouts'. */
	form?: unknown;
	/** The request state a hook already runs in (its `locals`); made here otherwise. */
	prepared?: PreparedRequest;
}

export interface RenderedPage {
	answer: Answer;
	prepared: PreparedRequest;
}

/** Render a page in its layouts inside a fresh request context; failures go to the error page. */
export function createPageRenderer(options: PageRendererOptions) {
	const { manifest, assets, fill } = options;
	const islandOpen = `<${ISLAND_TAG}`;

	const islandUrl = `${manifest.assetPrefix}/island/`;
	const preloadIslands = manifest.islandPreload !== false;

	function document(cssKey: string, head: string, body: string, islands: SignedIsland[] = []): string {
		// First in the head: the browser starts every eager island request while it is still parsing the page,
		// and the runtime's fetch of the same URL (same mode and credentials) picks the response up.
		let top = preloadIslands ? islandPreloads(islands) : '';
		for (const href of assets.css[cssKey] ?? []) top += `<link rel="stylesheet" href="${href}">`;
		if (assets.head) top += assets.head;
		// The runtime is loaded only where an island was actually rendered: other pages ship no JS.
		if (assets.runtime && body.includes(islandOpen)) top += `<script type="module" src="${assets.runtime}"></script>`;
		return fill(top + head, body);
	}

	/** One preload per eager island URL that fits a GET (longer tokens are POSTed, which can't be preloaded). */
	function islandPreloads(islands: SignedIsland[]): string {
		let links = '';
		const seen = new Set<string>();
		for (const island of islands) {
			if (island.load !== 'eager' || island.token.length > MAX_GET_TOKEN_LENGTH) continue;
			const href = `${islandUrl}${encodeURIComponent(island.name)}?${TOKEN_PARAM}=${island.token}`;
			if (seen.has(href)) continue;
			seen.add(href);
			links += `<link rel="preload" as="fetch" href="${escapeHtml(href)}" crossorigin>`;
		}
		return links;
	}

	async function renderTree(modules: ComponentModule[], props: Record<string, unknown>) {
		const components: Component<any>[] = modules.map((m) => m.default);
		return await manifest.render(manifest.root, { props: { components, props } });
	}

	/** An error page keeps the cookies set before the failure, not the headers (a cache-control meant for the page). */
	function html(body: string, status: number, prepared: PreparedRequest, keepHeaders: boolean): Answer {
		const base = htmlHeaders();
		const headers = keepHeaders ? withContextHeaders(base, prepared) : base;
		return { status, headers, cookies: prepared.setCookieHeaders(), body };
	}

	async function renderError(page: PageRequest, prepared: PreparedRequest, status: number, message: string, extraHead = '') {
		// A page's `error` is the nearest _error.svelte at or above it (the root one included).
		const load = page.error;
		const props = { status, message, params: page.params };
		if (load) {
			const errorModule = await load();
			// First inside the page's layouts; if a layout is what failed, the error page alone.
			for (const layouts of [page.layouts, []]) {
				try {
					const modules = [...(await Promise.all(layouts.map((l) => l()))), errorModule];
					const out = await renderTree(modules, props);
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
		const prepared = page.prepared ?? createRequestState({ request, params: page.params, app: options.runtime });
		const answer = await state.storage.run(prepared.state, async () => {
			if (!page.page) return renderError(page, prepared, page.status ?? 404, 'Not found');
			try {
				const modules = await Promise.all([...page.layouts.map((l) => l()), page.page()]);
				const out = await renderTree(modules, { params: page.params, form: page.form });
				const head = out.head + prepared.state.head.join('');
				return html(document(page.cssKey, head, out.body, prepared.state.islands), prepared.status ?? 200, prepared, true);
			} catch (error) {
				const thrown = interpretThrown(error, options.runtime.dev);
				if (thrown.type === 'redirect') return redirectAnswer(thrown.status, thrown.location, prepared.setCookieHeaders());
				const reported = thrown.type === 'crash' ? options.onError(error, request.request()) : undefined;
				return renderError(page, prepared, thrown.status, thrown.message, reported?.head);
			}
		});
		return { answer, prepared };
	};
}
