// @ts-check
// The floor: a bare node:http server doing the least work that gives the same bytes as Mochi.
// Plain JavaScript, run by bare `node` with no loader, like the built server it is compared to.
//
//   GET /shell   the prerendered page's bytes and headers from memory, brotli when asked (304 on a matching ETag)
//   GET /island    Svelte's render() of the island component, same props, with the visitor's cookie
//   GET /page      render() of the same layout + page through the same root component, in the template
//   GET /hydrated  the same for /products/matcha, whose hydrated islands render through Mochi's `hydrated()`
//
// It renders with `manifest.render` from the built server bundle, so it runs the same Svelte copy and
// the same compiled components. The demo's components read cookies through `getRequestContext()`, so
// the floor hands them a minimal context in Mochi's own AsyncLocalStorage (the least any server must
// do to give a component the request); everything else Mochi does per request is what we measure.
//
// `"bare": true` in the config ("floor-bare"): no AsyncLocalStorage entered and no cookie read per request.
// Mochi's per-request store is replaced, before the app bundle loads, by one constant store (the visitor
// already in `locals`), so the components find what they read and render the same bytes: what is left is
// node:http and Svelte's render() alone.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** @typedef {{ file: string, headers: Record<string, string> }} ShellVariant */
/** @type {{ build: string, island: string, islandProps: Record<string, unknown>, page: string, hydrated: { route: string, params: Record<string, string> }, visitor: { name: string, cart: string[] }, shell: { identity: ShellVariant, br: ShellVariant }, bare?: boolean }} */
const config = JSON.parse(process.argv[2]);
const STATE = Symbol.for('mochi-framework.server-state');
/** floor-bare's one store: `islands` and `head` are emptied per request (nothing here reads them). */
const bareStore = { context: { cookies: { get: () => undefined }, setHeaders() {}, params: {}, locals: { visitor: config.visitor } }, islands: [], head: [] };
if (config.bare) {
	// Set before the bundle imports mochi-framework, whose state.ts keeps what it finds on globalThis.
	/** @type {any} */ (globalThis)[STATE] = {
		storage: { getStore: () => bareStore, run: (/** @type {unknown} */ _store, /** @type {() => unknown} */ fn) => fn() },
		key: null,
		islandNames: new WeakMap()
	};
}
const { manifest } = await import(pathToFileURL(path.join(config.build, 'server/app.js')).href);
const buildManifest = JSON.parse(fs.readFileSync(path.join(config.build, 'server/manifest.json'), 'utf8'));
/** @type {{ storage: import('node:async_hooks').AsyncLocalStorage<unknown>, islandNames: WeakMap<object, string> }} */
const mochiState = /** @type {any} */ (globalThis)[STATE];
// What createApp does once at start: `<X mochi:defer>` and hydrated islands find their names by component.
for (const [name, component] of Object.entries(manifest.islands)) mochiState.islandNames.set(component, name);

// (a) The shell: the very bytes and headers Mochi serves (its tokens are signed with the server's key),
// plain and brotli, read once.
const shell = Object.fromEntries(
	Object.entries(config.shell).map(([encoding, variant]) => {
		const body = fs.readFileSync(variant.file);
		return [encoding, { body, etag: variant.headers.etag, headers: { ...variant.headers, 'content-length': String(body.byteLength) } }];
	})
);

// (b) The island component.
const island = manifest.islands[config.island];
if (!island) throw new Error(`no island ${config.island}`);

// (c) and (d) The pages, their layouts and the template, resolved once.
const template = /** @type {string} */ (manifest.template);
const [beforeHead, rest] = template.split('%mochi.head%');
const [betweenHeadAndBody, afterBody] = rest.split('%mochi.body%');
/** @param {string} id */
async function page(id) {
	const route = manifest.routes.find((/** @type {{ id: string }} */ r) => r.id === id);
	if (!route) throw new Error(`no route ${id}`);
	const modules = await Promise.all([...route.layouts.map((/** @type {() => Promise<any>} */ l) => l()), route.load()]);
	const css = (buildManifest.assets.css[id] ?? []).map((/** @type {string} */ href) => `<link rel="stylesheet" href="${href}">`).join('');
	return { components: modules.map((m) => m.default), css };
}
const cart = await page(config.page);
const product = await page(config.hydrated.route);
// What Mochi's `hydrated()` needs from the app: the client chunks and the render. No deadline, no CSP.
const app = { clientIslands: buildManifest.assets.islands ?? {}, render: manifest.render, dev: false };
const { PropsRegistry } = await import(pathToFileURL(path.join(config.build, '../node_modules/mochi-framework/dist/runtime/server/islands/props-registry.js')).href);

/** @param {string | undefined} header */
function cookieGetter(header) {
	/** @type {Map<string, string>} */
	const jar = new Map();
	for (const pair of (header ?? '').split(';')) {
		const eq = pair.indexOf('=');
		if (eq > 0) jar.set(pair.slice(0, eq).trim(), decodeURIComponent(pair.slice(eq + 1).trim()));
	}
	return { get: (/** @type {string} */ name) => jar.get(name) };
}

/** @param {http.IncomingMessage} req */
function context(req) {
	// `islands`: the page's layout holds the header's server islands, whose tokens Svelte's render signs (as in Mochi).
	// `props`, `head`, `app`: what the hydrated islands of (d) write to.
	return { context: { cookies: cookieGetter(req.headers.cookie), setHeaders() {}, params: {}, locals: {} }, islands: [], head: [], props: new PropsRegistry(), app };
}

/**
 * Renders inside the request's store (floor) or the constant one (floor-bare). Svelte's async render starts
 * when awaited, so the await must happen inside the context.
 * @param {http.IncomingMessage} req @param {any} component @param {Record<string, unknown>} props
 */
function render(req, component, props) {
	if (!config.bare) return mochiState.storage.run(context(req), async () => await manifest.render(component, { props }));
	bareStore.islands.length = 0;
	bareStore.head.length = 0;
	return manifest.render(component, { props });
}

/** @param {{ head: string, body: string }} out @param {string} css */
const inTemplate = (out, css) => beforeHead + css + out.head + betweenHeadAndBody + out.body + afterBody;
const HTML = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-store' };

const server = http.createServer(async (req, res) => {
	try {
		if (req.url === '/shell') {
			const variant = req.headers['accept-encoding']?.includes('br') ? shell.br : shell.identity;
			if (req.headers['if-none-match'] === variant.etag) return void res.writeHead(304, { etag: variant.etag, vary: 'accept-encoding' }).end();
			return void res.writeHead(200, variant.headers).end(variant.body);
		}
		if (req.url === '/island') {
			const out = await render(req, island, config.islandProps);
			return void res.writeHead(200, HTML).end(out.body);
		}
		if (req.url === '/page') {
			const out = await render(req, manifest.root, { components: cart.components, props: { params: {} } });
			return void res.writeHead(200, HTML).end(inTemplate(out, cart.css));
		}
		if (req.url === '/hydrated' && !config.bare) {
			/** @type {any} */
			let store;
			const out = await mochiState.storage.run((store = context(req)), async () =>
				await manifest.render(manifest.root, { props: { components: product.components, props: { params: config.hydrated.params } } })
			);
			return void res.writeHead(200, HTML).end(inTemplate({ head: out.head + store.head.join(''), body: out.body }, product.css));
		}
		res.writeHead(404).end();
	} catch (error) {
		console.error(error);
		res.writeHead(500).end();
	}
});

server.listen(0, '127.0.0.1', () => {
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	console.log(`Listening on http://127.0.0.1:${address.port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
