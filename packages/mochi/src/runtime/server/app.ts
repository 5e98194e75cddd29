import { createRouter } from './router.js';
import { compileTemplate, templateTail } from './template.js';
import { createPageStreamer, settleStream } from './stream-page.js';
import { createIslandEndpoint, createIslandState } from './islands/endpoint.js';
import { PublicTokens } from './islands/public-tokens.js';
import { getKey } from './islands/current-key.js';
import type { SignedIsland } from './islands/island-attributes.js';
import { fromWebRequest, fromWebResponse, textAnswer, toWebResponse, type Answer, type IncomingRequest } from './exchange.js';
import { createPageRenderer, pageNonce, pageTimeoutAnswer, type PageRequest, type RenderedPage } from './render-page.js';
import { callEndpoint, endpointThrown, endpointTimeoutAnswer } from './call-endpoint.js';
import { createRequestState, type PreparedRequest } from './create-context.js';
import { createHookRunner, type HookRunner, type Hooked } from './hooks.js';
import { redirectAnswer } from './thrown.js';
import { findAction, runAction } from './actions.js';
import { enhancedAnswer, isEnhanced } from './refresh-islands.js';
import { inRequest, state, type AppRuntime } from './state.js';
import { outsideRequests } from './module-evaluation.js';
import { defaultLog, rateLimited, type ErrorReporter, type Log } from './log.js';
import { createChecks } from './checks/index.js';
import { DEFAULT_RENDER_TIMEOUT_MS, TIMED_OUT, renderDeadline } from './render-timeout.js';
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
	 * Islands of prerendered pages, signed with this server's key, from each page's first use (public: every visitor gets the same
	 * bytes). Requests carrying their tokens skip the HMAC; see islands/public-tokens.ts.
	 */
	addPublicIslands(islands: SignedIsland[]): void;
	/** `answer` for a web Request (the dev server, tests); `clientAddress` is the peer's IP, when known. */
	respond(request: Request, options?: { clientAddress?: string }): Promise<Response>;
	/** Render one page for `mochi build`, with what it signed; `cspPlaceholder` stands in for its CSP nonce. */
	renderPage(request: Request, options?: { cspPlaceholder?: string }): Promise<RenderedPage | null>;
	/** `mochi({ csp })`'s policy, built once here (null without one): prerendered pages get theirs from it. */
	csp: CspPolicy | null;
	/** Every page route with its module, loaded outside any request (`mochi build` decides what to prerender). */
	pageModules(): Promise<Array<{ route: RouteDefinition; module: ComponentModule }>>;
	/** The route that answers `pathname` (as a request spells it) and its params; null for a 404. */
	matchRoute(pathname: string): { route: RouteDefinition; params: Record<string, string> } | null;
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
		deadline: renderDeadline(options.renderTimeout ?? manifest.server?.renderTimeout ?? DEFAULT_RENDER_TIMEOUT_MS, log),
		stream: manifest.islandStream === false ? null : { fetched: new Set() }
	};
	const check = createChecks({ csrf: manifest.csrf ?? { trustedOrigins: [] }, log });

	const islandPath = `${manifest.assetPrefix}/island/`;
	const publicTokens = new PublicTokens();
	const csp = manifest.csp ? createCspPolicy(manifest.csp, { dev }) : null;
	const island = createIslandEndpoint({ islands: manifest.islands, runtime, path: islandPath, publicTokens, log, csp });
	// Null without a hooks file: then no request pays for hooks at all.
	const hooks = createHookRunner(manifest.hooks, log);
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
	const fill = compileTemplate(manifest.template);
	const tail = templateTail(manifest.template);
	const renderPageRequest = createPageRenderer({
		manifest,
		assets: options.assets,
		fill,
		runtime,
		onError,
		log,
		csp
	});
	// A streaming page's islands are answered as island requests from that page would be, hooks included.
	const streamPage = createPageStreamer({
		runtime,
		islandPath,
		log,
		async answerIsland(request) {
			const prepared = createIslandState(request, runtime);
			return { answer: hooks ? await withHooks(request, ISLAND, prepared, hooks) : await island.answer(request, prepared), prepared };
		}
	});

	/** What answers a request, worked out before any app code runs: a hook needs to know it (`ctx.kind`, `ctx.params`). */
	function route(request: IncomingRequest): Target {
		const { url } = request;
		// The island route is matched first: no user route, not even a catch-all, can shadow it.
		if (url.pathname.startsWith(islandPath)) return ISLAND;
		const found = match(url.pathname);
		if (!found) return { kind: 'page', page: notFoundPage(request) };
		const route = found.route.data;
		const { params } = found;
		const slash = found.trailingSlash && url.pathname !== '/';
		const answer = slash ? redirectAnswer(308, url.pathname.replace(/\/+$/, '') + url.search, []) : undefined;
		if (route.kind === 'endpoint') return { kind: 'endpoint', route, params, answer };
		const page: PageRequest = { request, params, cssKey: route.id, layouts: route.layouts, page: route.load as () => Promise<ComponentModule>, error: route.error };
		if (answer || request.method === 'GET' || request.method === 'HEAD') return { kind: 'page', page, answer };
		// A POST may be a form action: actions.ts says which, or that the page has none (405).
		if (request.method === 'POST') return { kind: 'action', page, route };
		return { kind: 'page', page, answer: textAnswer(405, 'Pages answer GET and HEAD only.', { allow: 'GET, HEAD' }) };
	}

	/** A POST to a page: its action runs in the request context, then the page renders with `form` set. */
	async function serveAction(target: Extract<Target, { kind: 'action' }>, prepared?: PreparedRequest): Promise<Answer> {
		const { page, route } = target;
		const state_ = prepared ?? prepare(page.request, target);
		const renderThrown = async (error: unknown) => (await renderPageRequest({ ...page, page: () => Promise.reject(error), prepared: state_ })).answer;
		let module: ComponentModule;
		try {
			module = await page.page!();
		} catch (error) {
			return renderThrown(error);
		}
		const found = findAction(module.actions, page.request.url.search);
		if (found.type === 'none') return textAnswer(405, 'Pages answer GET and HEAD only.', { allow: 'GET, HEAD' });
		if (found.type === 'unknown') return textAnswer(404, `This page has no action named "${found.name}".`);
		let done;
		try {
			done = await inRequest(state_.state, () => runAction(found, state_.state.context, route.file));
		} catch (error) {
			return renderThrown(error);
		}
		if (done.type === 'done' && done.status !== 200) state_.state.context.setStatus(done.status);
		return (await renderPageRequest({ ...page, prepared: state_, form: done.type === 'done' ? done.form : undefined })).answer;
	}

	function notFoundPage(request: IncomingRequest): PageRequest {
		return { request, params: {}, cssKey: '404', layouts: rootLayouts, page: null, error: rootError, status: 404 };
	}

	/** The page, endpoint or island; `prepared` is the request state a hook runs in, if one does. */
	async function serve(request: IncomingRequest, target: Target, prepared?: PreparedRequest): Promise<Answer | Response> {
		if (target.kind === 'island') return island.answer(request, prepared);
		if (target.answer) return target.answer;
		if (target.kind === 'action') return serveAction(target, prepared);
		if (target.kind === 'endpoint') return callEndpoint(target.route, request, target.params, { runtime, onError, prepared });
		// The target is this request's own: set on it, not spread into a copy (V8 takes ~3.5 µs for `{ ...page, prepared }`).
		target.page.prepared = prepared;
		const rendered = await renderPageRequest(target.page);
		return rendered.stream ? streamPage(request, rendered.answer, rendered.stream, tail) : rendered.answer;
	}

	/** What a value thrown by a hook becomes: what it would be had the island, endpoint or page thrown it. */
	async function thrown(request: IncomingRequest, target: Target, error: unknown, prepared: PreparedRequest): Promise<Answer> {
		if (target.kind === 'island') return island.thrown(request, error, prepared);
		if (target.kind === 'endpoint') return endpointThrown(error, request, prepared, { runtime, onError });
		// Rendered as a page whose module threw it: the nearest error page, in the page's layouts.
		const rendered = await renderPageRequest({ ...target.page, page: () => Promise.reject(error), prepared });
		return rendered.answer;
	}

	function hooked(request: IncomingRequest, target: Target): Hooked {
		return { serve: (prepared) => serve(request, target, prepared), thrown: (error, prepared) => thrown(request, target, error, prepared) };
	}

	function prepare(request: IncomingRequest, target: Target): PreparedRequest {
		if (target.kind === 'island') return createIslandState(request, runtime);
		const params = target.kind === 'endpoint' ? target.params : target.page.params;
		// An action's answer is its page, rendered: it needs the page's nonce and policy as much as a GET does.
		const cspNonce = target.kind === 'endpoint' ? undefined : pageNonce(csp, target.page);
		return createRequestState({ request, kind: target.kind, params, app: runtime, cspNonce });
	}

	/** Past the render timeout, a hook included: what the page, endpoint or island would have answered then. */
	function timedOut(target: Target): Answer {
		if (target.kind === 'island') return island.timedOut();
		return target.kind === 'endpoint' ? endpointTimeoutAnswer() : pageTimeoutAnswer(fill);
	}

	async function answer(request: IncomingRequest): Promise<Answer | Response> {
		// Safety checks (CSRF, …) before anything of the app's runs, hooks, islands and form actions included.
		const refused = check(request);
		if (refused) return refused;
		const target = route(request);
		// An enhanced form's fetch (refresh-islands.ts) needs the request state, to read what refreshIslands() asked.
		const enhanced = target.kind !== 'island' && isEnhanced(request);
		if (!hooks && !enhanced) return serve(request, target);
		const prepared = prepare(request, target);
		if (!hooks) return enhancedAnswer(await serve(request, target, prepared), prepared.state.refresh);
		const answered = await withHooks(request, target, prepared, hooks);
		// A hook that made a streaming page shared-cacheable after resolve() gets it without its islands.
		settleStream(answered);
		return enhanced ? enhancedAnswer(answered, prepared.state.refresh) : answered;
	}

	/** The hooks around a request; the render timeout covers them too: one stuck before resolve() must not hold the connection. */
	async function withHooks(request: IncomingRequest, target: Target, prepared: PreparedRequest, run: HookRunner): Promise<Answer | Response> {
		// This deadline covers the hook and what it resolves to: the page, island or endpoint starts none of its own.
		prepared.timed = runtime.deadline !== undefined;
		const running = run(prepared, hooked(request, target));
		const settled = runtime.deadline ? await runtime.deadline(running, request) : await running;
		return settled === TIMED_OUT ? timedOut(target) : settled;
	}

	async function renderPage(request: IncomingRequest, cspPlaceholder?: string): Promise<RenderedPage | null> {
		const target = route(request);
		if (target.kind !== 'page' || !target.page.page || target.answer) return null;
		target.page.cspPlaceholder = cspPlaceholder;
		if (!hooks) return renderPageRequest(target.page);
		const prepared = prepare(request, target);
		const answered = await hooks(prepared, hooked(request, target));
		return { answer: answered instanceof Response ? await fromWebResponse(answered) : answered, prepared };
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
		async pageModules() {
			const pages = manifest.routes.filter((route) => route.kind === 'page');
			// Loaded outside any request, as in `mochi dev`: module-level getRequestContext() fails naming the page.
			const modules = await Promise.all(pages.map((route) => outsideRequests({ module: route.file, bundled: true }, () => route.load() as Promise<ComponentModule>)));
			return pages.map((route, i) => ({ route, module: modules[i] }));
		},
		matchRoute(pathname) {
			const found = match(pathname);
			if (!found || found.trailingSlash) return null;
			return { route: found.route.data, params: found.params };
		}
	};
}

type AppRoute = RouteDefinition;

/**
 * What answers a request. `answer`: an answer known before anything runs (a trailing slash's 308, a POST to
 * a page's 405), still given to the hooks as their `resolve()`.
 */
type Target =
	| { kind: 'island' }
	| { kind: 'endpoint'; route: AppRoute; params: Record<string, string>; answer?: Answer }
	| { kind: 'page'; page: PageRequest; answer?: Answer }
	| { kind: 'action'; page: PageRequest; route: AppRoute; answer?: undefined };

const ISLAND: Target = { kind: 'island' };

/** A prerendered page is one file for every visitor: it has no client to speak of. */
function prerenderedAddress(): never {
	throw new Error('ctx.clientAddress cannot be read while prerendering (mochi build): the page is the same file for every visitor.');
}

/** The first call's promise, for every call: an import that has resolved is not asked for again. */
function once<T>(loader: () => Promise<T>): () => Promise<T> {
	let loaded: Promise<T> | undefined;
	return () => (loaded ??= loader());
}
