import type { Component } from 'svelte';
import type { render } from 'svelte/server';
import type { Segment } from '../shared/routes.js';
import type { RequestContext } from './context.js';
import type { AppHooks } from './hooks.js';
import type { CspConfig } from './csp-options.js';

/** A compiled `.svelte` page, layout or error page, as its module exports it. */
export interface ComponentModule {
	default: Component<any>;
	/** `export const prerender = true` in the page's `<script module>`. */
	prerender?: boolean;
	/** `export function entries()` (sync or async): the params of a dynamic page's prerendered URLs (core/prerender/). */
	entries?: unknown;
	/** `export const actions = { default, … }`: the page's form actions (actions.ts). */
	actions?: unknown;
}

export type EndpointHandler = (context: RequestContext) => Response | Promise<Response>;
export type EndpointModule = Partial<Record<string, EndpointHandler | unknown>>;

type Load<T> = () => Promise<T>;

export interface RouteDefinition {
	id: string;
	segments: Segment[];
	kind: 'page' | 'endpoint';
	/** App-relative source file, for messages. */
	file: string;
	load: Load<ComponentModule | EndpointModule>;
	/** Outermost first. */
	layouts: Array<Load<ComponentModule>>;
	error: Load<ComponentModule> | null;
}

/** What the generated server entry (`virtual:mochi/server-entry`) describes: the app's code. */
export interface ServerManifest {
	assetPrefix: string;
	/** Contents of src/app.html, or the default template. */
	template: string;
	/**
	 * Svelte's `render`, from the same copy of Svelte the components were compiled against. A server
	 * bundle may inline Svelte; a second copy would not know that async rendering is switched on.
	 */
	render: typeof render;
	/** The component that nests layouts around a page (runtime/server/root.svelte). */
	root: Component<any>;
	routes: RouteDefinition[];
	/** Layouts and error page of src/routes itself: what a 404 is rendered with. */
	rootLayouts: Array<Load<ComponentModule>>;
	rootError: Load<ComponentModule> | null;
	/** Island name -> component; the same objects the pages import. */
	islands: Record<string, Component<any>>;
	/** `mochi({ islands: { maxAge } })` in seconds, or null: how long island tokens signed on request live. */
	islandMaxAge?: number | null;
	/** Preload links for eager islands (`mochi({ islands: { preload } })`); on unless false. */
	islandPreload?: boolean;
	/** `mochi({ islands: { stream } })`: uncacheable on-demand pages stream their eager islands; on unless false. */
	islandStream?: boolean;
	/** `mochi({ csrf })`: origins whose form posts are accepted besides the app's own, or false for no check. Unset: on. */
	csrf?: false | { trustedOrigins: string[] };
	/** `src/hooks.server.ts` (or `.js`), imported eagerly, if the app has one. */
	hooks?: AppHooks | null;
	/** `mochi({ csp })`, checked at config time (csp-options.ts); null or absent: no policy is sent. */
	csp?: CspConfig | null;
	/** `mochi({ server })` as the app set it: defaults and `MOCHI_*` variables are applied at start (node/env.ts). */
	server?: ServerConfig;
}

/** Timeouts and limits of `mochi({ server: { … } })`. Times in ms; 0 turns one off. README "Timeouts and limits". */
export interface ServerConfig {
	/** A page, island or endpoint that has not answered by then gets a 503. Default 30 000. */
	renderTimeout?: number;
	/** The request's headers must have arrived by then (Node's `headersTimeout`). Default 20 000. */
	headersTimeout?: number;
	/** The whole request, headers and body, must have arrived by then (Node's `requestTimeout`). Default 60 000. */
	bodyTimeout?: number;
	/** An idle kept-alive connection is closed after this (Node's `keepAliveTimeout`). Default 5 000. */
	keepAliveTimeout?: number;
	/** A client that takes less than `minSendRate` of an answer waiting for it over this long is cut off. Default 30 000. */
	sendTimeout?: number;
	/** Bytes per second, see `sendTimeout`. Default 1024; 0 cuts off only a client that takes nothing. */
	minSendRate?: number;
	/** Connections per process; more are closed on arrival (Node's `maxConnections`). Default 0: no cap. */
	maxConnections?: number;
	/**
	 * Bytes a request body may have. Reading a longer one (`request.json()`, `.formData()`, `.text()`,
	 * `request.body`) rejects, and the client gets a 413. Island requests have their own cap. Default
	 * 1 MiB (1048576); `false` (or 0) for no limit.
	 */
	bodyLimit?: number | false;
}

/** What the build (or the dev server) knows about the browser's files. */
export interface ClientAssets {
	/** URL of the island runtime module, or null when no page needs it. */
	runtime: string | null;
	/** URL of the enhanced-forms module (runtime/client/enhance.ts), added beside the runtime to pages with one. */
	enhance?: string | null;
	/** URL of the streamed-islands module (runtime/client/stream.ts), added beside the runtime to pages that stream. */
	stream?: string | null;
	/**
	 * The built code of the runtime and of the streamed-islands module, which a page that streams carries inline
	 * (page-document.ts): a streamed island is then swapped in as soon as its HTML is parsed, not a round trip later
	 * once both modules have been fetched. Null in dev (Vite serves modules with imports) and when a module cannot
	 * be inlined.
	 */
	inlineStream?: { runtime: string; stream: string } | null;
	/** URL of client islands' code (runtime/client/client-island.ts), preloaded by pages that render a client island. */
	clientIsland?: string | null;
	/** Route id -> stylesheet URLs; the key `"404"` is used for not-found and error pages. */
	css: Record<string, string[]>;
	/** Island name -> URL of its client chunk, for hydrated islands. */
	islands?: Record<string, string>;
	/** Extra head markup on every page (the dev server's HMR client). */
	head?: string;
}
