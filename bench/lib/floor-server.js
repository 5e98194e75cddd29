// @ts-check
// The floor: a bare node:http server doing the least work that gives the same bytes as Mochi.
// Plain JavaScript, run by bare `node` with no loader, like the built server it is compared to.
//
//   GET /shell   the prerendered page's bytes and headers from memory, brotli when asked (304 on a matching ETag)
//   GET /island  Svelte's render() of the island component, same props, with the visitor's cookie
//   GET /page    render() of the same layout + page through the same root component, in the template
//
// It renders with `manifest.render` from the built server bundle, so it runs the same Svelte copy and
// the same compiled components. The demo's components read cookies through `getRequestContext()`, so
// the floor hands them a minimal context in Mochi's own AsyncLocalStorage (the least any server must
// do to give a component the request); everything else Mochi does per request is what we measure.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** @typedef {{ file: string, headers: Record<string, string> }} ShellVariant */
/** @type {{ build: string, island: string, islandProps: Record<string, unknown>, page: string, shell: { identity: ShellVariant, br: ShellVariant } }} */
const config = JSON.parse(process.argv[2]);
const { manifest } = await import(pathToFileURL(path.join(config.build, 'server/app.js')).href);
const buildManifest = JSON.parse(fs.readFileSync(path.join(config.build, 'server/manifest.json'), 'utf8'));
/** @type {{ storage: import('node:async_hooks').AsyncLocalStorage<unknown> }} */
const mochiState = /** @type {any} */ (globalThis)[Symbol.for('mochi-framework.server-state')];

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

// (c) The page, its layouts and the template, resolved once.
const route = manifest.routes.find((/** @type {{ id: string }} */ r) => r.id === config.page);
if (!route) throw new Error(`no route ${config.page}`);
const modules = await Promise.all([...route.layouts.map((/** @type {() => Promise<any>} */ l) => l()), route.load()]);
const components = modules.map((m) => m.default);
const template = /** @type {string} */ (manifest.template);
const [beforeHead, rest] = template.split('%mochi.head%');
const [betweenHeadAndBody, afterBody] = rest.split('%mochi.body%');
const css = (buildManifest.assets.css[config.page] ?? []).map((/** @type {string} */ href) => `<link rel="stylesheet" href="${href}">`).join('');

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
	return { context: { cookies: cookieGetter(req.headers.cookie), setHeaders() {}, params: {}, locals: {} }, islands: [] };
}

const server = http.createServer(async (req, res) => {
	try {
		if (req.url === '/shell') {
			const variant = req.headers['accept-encoding']?.includes('br') ? shell.br : shell.identity;
			if (req.headers['if-none-match'] === variant.etag) return void res.writeHead(304, { etag: variant.etag, vary: 'accept-encoding' }).end();
			return void res.writeHead(200, variant.headers).end(variant.body);
		}
		if (req.url === '/island') {
			// Svelte's async render starts when awaited, so the await must happen inside the context.
			const out = await mochiState.storage.run(context(req), async () => await manifest.render(island, { props: config.islandProps }));
			return void res
				.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-store' })
				.end(out.body);
		}
		if (req.url === '/page') {
			const out = await mochiState.storage.run(context(req), async () =>
				await manifest.render(manifest.root, { props: { components, props: { params: {} } } })
			);
			const html = beforeHead + css + out.head + betweenHeadAndBody + out.body + afterBody;
			return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-store' }).end(html);
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
