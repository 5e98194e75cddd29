import { createRouter } from './router.js';
import { compileTemplate } from './template.js';
import { createIslandEndpoint } from './islands/endpoint.js';
import { PublicTokens } from './islands/public-tokens.js';
import { getKey } from './islands/current-key.js';
import type { SignedIsland } from './islands/island-attributes.js';
import { fromWebRequest, textAnswer, toWebResponse, type Answer, type IncomingRequest } from './exchange.js';
import { createPageRenderer, type RenderedPage } from './render-page.js';
import { callEndpoint } from './call-endpoint.js';
import { state, type AppRuntime } from './state.js';
import { defaultLog, rateLimited, type ErrorReporter, type Log } from './log.js';
import { createChecks } from './checks/index.js';
import { DEFAULT_RENDER_TIMEOUT_MS, renderDeadline } from './render-timeout.js';
import { createCspPolicy, type CspPolicy } from './csp.js';
import type { ClientAssets, ComponentModule, RouteDefinition, ServerManifest } from './app-types.js';

export interface AppOptions {
	assets: ClientAssets;
	dev?: boolean;
	log?: Log;
	/**
	 * Reports an unexpected error of a page or endpoint (not `error(404, …)`). The default logs its stack.
	 * The dev server logs it in Vite's format and returns the error overlay for the error page's head.
	 */
	onError?: ErrorReporter;
	/**
	 * The default of `secure` for cookies the app sets (DESIGN.md §7), decided once for the app, never from a
	 * request: the production server passes false only for an `ORIGIN` that starts with `http://`. Default: `!dev`.
	 */
	secureCookies?: boolean;
	/** Overrides `manifest.server.renderTimeout` (ms; 0: none). `node build` passes MOCHI_RENDER_TIMEOUT's value. */
	renderTimeout?: number;
}

export interface MochiApp {
	/** `{assetPrefix}/island/`: every request under it is the island endpoint's, before any file or route. */
	islandPath: string;
	/**
	 * Answers everything: islands, endpoints, pages, 404. What Mochi renders comes back as a plain Answer
	 * (no web Response to build); an endpoint's own Response as it is.
	 */
	answer(request: IncomingRequest): Promise<Answer | Response>;
	/**
	 * Islands this server signed at start into prerendered pages (public: every visitor gets the same
	 * bytes). Requests carrying their tokens skip the HMAC; see islands/public-tokens.ts.
	 */
	addPublicIslands(islands: SignedIsland[]): void;
	/** `answer` for a web Request (the dev server, tests); `clientAddress` is the peer's IP, when known. */
	respond(request: Request, options?: { clientAddress?: string }): Promise<Response>;
	/** Render one page for `mochi build`, with what it signed; `cspPlaceholder` stands in for its CSP nonce. */
	renderPage(request: Request, options?: { cspPlaceholder?: string }): Promise<RenderedPage | null>;
	/** `mochi({ csp })`'s policy, built once here (null without one): prerendered pages get theirs from it. */
	csp: CspPolicy | null;
	/** Route ids whose page says `export const prerender = true`. */
	prerenderRoutes(): Promise<RouteDefinition[]>;
}

/** Everything that doesn't depend on the request is resolved here, once. */
export function createApp(manifest: ServerManifest, options: AppOptions): MochiApp {
	const dev = options.dev ?? false;
	const log = options.log ?? defaultLog;
	// A bug that every request hits (a bot repeating one) must not flood the log: rate-limited, like island refusals.
	const logFailure = rateLimited(log);
	const onError: ErrorReporter =
		options.onError ??
		((error, request) => logFailure('failed', `[mochi] ${request.method} ${new URL(request.url).pathname} failed: ${(error as Error)?.stack ?? error}`));

	// Island names are looked up by component identity when a page renders `<X mochi:defer>`.
	for (const [name, component] of Object.entries(manifest.islands)) state.islandNames.set(component, name);
	const runtime: AppRuntime = {
		clientIslands: options.assets.islands ?? {},
		render: manifest.render,
		dev,
		islandMaxAge: manifest.islandMaxAge ?? null,
		secureCookies: options.secureCookies ?? !dev,
		deadline: renderDeadline(options.renderTimeout ?? manifest.server?.renderTimeout ?? DEFAULT_RENDER_TIMEOUT_MS, log)
	};
	const check = createChecks({ csrf: manifest.csrf ?? { trustedOrigins: [] }, log });

	const islandPath = `${manifest.assetPrefix}/island/`;
	const publicTokens = new PublicTokens();
	const csp = manifest.csp ? createCspPolicy(manifest.csp, { dev }) : null;
	const answerIsland = createIslandEndpoint({ islands: manifest.islands, runtime, path: islandPath, publicTokens, log, csp });
	// In production a module never changes: each is imported once, not on every request. The dev server
	// must re-import (its runner hands back the edited module), so there the loaders stay as they are.
	const load = dev ? <T>(loader: () => Promise<T>) => loader : once;
	const routes = manifest.routes.map((route) => ({
		...route,
		load: load(route.load),
		layouts: route.layouts.map(load),
		error: route.error && load(route.error)
	}));
	const rootLayouts = manifest.rootLayouts.map(load);
	const rootError = manifest.rootError && load(manifest.rootError);
	const match = createRouter(routes.map((route) => ({ id: route.id, segments: route.segments, data: route })));
	const renderPageRequest = createPageRenderer({
		manifest,
		assets: options.assets,
		fill: compileTemplate(manifest.template),
		runtime,
		onError,
		log,
		csp
	});

	async function renderPage(request: IncomingRequest, cspPlaceholder?: string): Promise<RenderedPage | null> {
		const found = match(request.url.pathname);
		if (!found || found.route.data.kind !== 'page') return null;
		const route = found.route.data;
		return renderPageRequest({
			request,
			params: found.params,
			cssKey: route.id,
			layouts: route.layouts,
			page: route.load as () => Promise<ComponentModule>,
			error: route.error,
			cspPlaceholder
		});
	}

	async function notFound(request: IncomingRequest): Promise<Answer> {
		const { answer } = await renderPageRequest({
			request,
			params: {},
			cssKey: '404',
			layouts: rootLayouts,
			page: null,
			error: rootError,
			status: 404
		});
		return answer;
	}

	async function answer(request: IncomingRequest): Promise<Answer | Response> {
		const { url } = request;
		// Safety checks (CSRF, …) before anything of the app's runs, islands and form actions included.
		const refused = check(request);
		if (refused) return refused;
		// The island route is matched first: no user route, not even a catch-all, can shadow it.
		if (url.pathname.startsWith(islandPath)) return answerIsland(request);
		const found = match(url.pathname);
		if (!found) return notFound(request);
		if (found.trailingSlash && url.pathname !== '/') {
			const location = url.pathname.replace(/\/+$/, '') + url.search;
			return { status: 308, headers: { location }, cookies: [], body: '' };
		}
		const route = found.route.data;
		if (route.kind === 'endpoint') return callEndpoint(route, request, found.params, { runtime, onError });
		if (request.method !== 'GET' && request.method !== 'HEAD') {
			return textAnswer(405, 'Pages answer GET and HEAD only.', { allow: 'GET, HEAD' });
		}
		const rendered = await renderPage(request);
		return rendered ? rendered.answer : notFound(request);
	}

	return {
		islandPath,
		answer,
		addPublicIslands(islands) {
			const keys = getKey();
			for (const island of islands) publicTokens.add(keys, island);
		},
		async respond(request, { clientAddress } = {}) {
			const incoming = fromWebRequest(request, new URL(request.url), clientAddress === undefined ? undefined : () => clientAddress);
			return toWebResponse(await answer(incoming));
		},
		renderPage: (request, options) => renderPage(fromWebRequest(request, new URL(request.url), prerenderedAddress), options?.cspPlaceholder),
		csp,
		async prerenderRoutes() {
			const pages = manifest.routes.filter((route) => route.kind === 'page');
			const modules = await Promise.all(pages.map((route) => route.load() as Promise<ComponentModule>));
			return pages.filter((_, i) => modules[i].prerender === true);
		}
	};
}

/** A prerendered page is one file for every visitor: it has no client to speak of. */
function prerenderedAddress(): never {
	throw new Error('ctx.clientAddress cannot be read while prerendering (mochi build): the page is the same file for every visitor.');
}

/** The first call's promise, for every call: an import that has resolved is not asked for again. */
function once<T>(loader: () => Promise<T>): () => Promise<T> {
	let loaded: Promise<T> | undefined;
	return () => (loaded ??= loader());
}
