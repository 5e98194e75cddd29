// @ts-check
// `node bench/micro-app.js [--hook]`: whole requests of the bench's built demo copy (bench/.app/demo, or
// demo-hook), in one process and without sockets, next to the floors' renders. Each request goes through the
// production server's `request` listener (server.ts: every entrance, the URL check, the app, writeAnswer) on a
// real `http.ServerResponse` with no socket, so Node still builds the header block; only the socket write and
// the HTTP parser are left out. Far less noisy than the HTTP bench on a shared machine: use it for before/after.
// Run `pnpm bench` (or `bench --hook`) once first to build the copy.
import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const hook = process.argv.includes('--hook');
const root = fileURLToPath(new URL(hook ? './.app/demo-hook/build/' : './.app/demo/build/', import.meta.url));
if (!fs.existsSync(path.join(root, 'server/app.js'))) throw new Error(`${root}: no build; run the bench${hook ? ' with --hook' : ''} once first`);
const dist = new URL('../packages/mochi/dist/', import.meta.url).href;
const { createApp } = await import(`${dist}runtime/server/app.js`);
const { createServer } = await import(`${dist}node/server.js`);
const { loadPrerendered } = await import(`${dist}runtime/server/prerendered.js`);
const { setKey } = await import(`${dist}runtime/server/islands/current-key.js`);
const { createKey, createKeyring, parseKey } = await import(`${dist}runtime/server/islands/key.js`);
const { signToken } = await import(`${dist}runtime/server/islands/token.js`);
const { state } = await import(`${dist}runtime/server/state.js`);

const keyText = createKey();
setKey(createKeyring([parseKey(keyText)]));
const build = JSON.parse(fs.readFileSync(path.join(root, 'server/manifest.json'), 'utf8'));
const { manifest } = await import(pathToFileURL(path.join(root, 'server/app.js')).href);
const app = createApp(manifest, { assets: build.assets, dev: false, log: () => {}, secureCookies: true });
// node build publishes a prerendered page's tokens, as served, when the page is first asked for: ready() is
// that first use, so the public tokens here are the ones a visitor's shell would carry.
/** @type {Array<{ name: string, token: string }>} */
const publicIslands = [];
const prerendered = loadPrerendered(path.join(root, 'prerendered'), build.prerendered, {
	csp: app.csp,
	publish: (/** @type {any[]} */ islands) => (app.addPublicIslands(islands), publicIslands.push(...islands))
});
await Promise.all([...prerendered.values()].map((page) => page.ready()));
const server = createServer({ handler: (/** @type {any} */ request) => app.answer(request), beforeFiles: app.islandPath, log: () => {} });

const publicToken = publicIslands.find((i) => i.name === 'Avatar')?.token;
if (!publicToken) throw new Error(`${root}: no prerendered page carries an Avatar island`);
const visitorToken = signToken(parseKey(keyText), 'Avatar', 'plain', '[{"visitor":1},"bench"]');
const cookie = 'demo_user=Ada; demo_cart=matcha,kinako';
const headers = { host: '127.0.0.1:3000', cookie, referer: 'http://127.0.0.1:3000/', accept: '*/*', connection: 'keep-alive' };
const socket = new net.Socket();

/** Node's two objects for one request, as its parser would make them (no socket write follows). @param {string} url */
function exchange(url) {
	const req = new http.IncomingMessage(socket);
	req.method = 'GET';
	req.url = url;
	req.headers = headers;
	return { req, res: new http.ServerResponse(req) };
}

/** One request through the server's listener; resolves with the body once `end` is called. @param {string} url */
function request(url) {
	const { req, res } = exchange(url);
	return new Promise((resolve) => {
		const end = res.end;
		/** @type {any} */ (res).end = function (/** @type {any} */ body) {
			/** @type {any} */ (end).call(this, body);
			// Node keeps the header block it built for the socket; reading it makes sure it was built.
			resolve({ status: res.statusCode, body: String(body) });
			return this;
		};
		server.server.emit('request', req, res);
	});
}

// The floors' work, in this process: floor-bare renders alone; floor also enters AsyncLocalStorage with a context.
const island = manifest.islands.Avatar;
const route = manifest.routes.find((/** @type {any} */ r) => r.id === '/cart');
const cartComponents = (await Promise.all([...route.layouts.map((/** @type {() => Promise<any>} */ l) => l()), route.load()])).map((m) => m.default);
const floorContext = () => ({
	context: { cookies: { get: (/** @type {string} */ name) => (name === 'demo_user' ? 'Ada' : name === 'demo_cart' ? 'matcha,kinako' : undefined) }, setHeaders() {}, params: {}, locals: {} },
	islands: [],
	head: []
});
// floor-bare: one store entered once for this whole process (no AsyncLocalStorage `run`, no cookie read per call).
const bareStore = { ...floorContext(), context: { ...floorContext().context, locals: { visitor: { name: 'Ada', cart: ['matcha', 'kinako'] } } } };
state.storage.enterWith(bareStore);
const HTML = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-store' };
/** What floor-server.js does for a request: Node's objects, the render, one writeHead and end. @param {string} url @param {() => Promise<{ body: string }>} render */
async function floorRequest(url, render) {
	const { res } = exchange(url);
	const out = await render();
	res.writeHead(200, HTML).end(out.body);
	return out;
}
/** @param {any} component @param {Record<string, unknown>} props */
const bare = (component, props) => floorRequest('/island', () => manifest.render(component, { props }));
/** @param {any} component @param {Record<string, unknown>} props */
const inStorage = (component, props) => floorRequest('/island', () => state.storage.run(floorContext(), async () => await manifest.render(component, { props })));

/** @type {Array<[string, () => Promise<unknown>]>} */
const cases = [
	['(b) island, public token: Mochi', () => request(`/_mochi/island/Avatar?p=${publicToken}`)],
	["(b') island, visitor's token: Mochi", () => request(`/_mochi/island/Avatar?p=${visitorToken}`)],
	['(b) floor: render() in AsyncLocalStorage', () => inStorage(island, {})],
	['(b) floor-bare: render()', () => bare(island, {})],
	['(c) /cart: Mochi', () => request('/cart')],
	['(c) floor: render() in AsyncLocalStorage', () => inStorage(manifest.root, { components: cartComponents, props: { params: {} } })],
	['(c) floor-bare: render()', () => bare(manifest.root, { components: cartComponents, props: { params: {} } })],
	['(d) /products/matcha: Mochi', () => request('/products/matcha')]
];

/** @param {() => Promise<unknown>} fn @param {number} iterations */
async function measure(fn, iterations) {
	const rounds = [];
	for (let round = 0; round < 7; round++) {
		const start = process.cpuUsage();
		for (let i = 0; i < iterations; i++) await fn();
		const used = process.cpuUsage(start);
		rounds.push((used.user + used.system) / iterations);
	}
	return rounds.sort((a, b) => a - b)[3];
}

const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const n = Number(process.argv.find((a) => a.startsWith('--n='))?.slice(4) ?? 3000);
const count = process.argv.includes('--count');
const COUNT_WARMUP = 300;
const chosen = cases.filter(([name]) => !only || name.includes(only));
if (!chosen.length) throw new Error(`--only=${only} matches no scenario: ${cases.map(([name]) => name).join('; ')}`);
if (!count) console.log(`Node ${process.version}${hook ? ', with a trivial hook' : ''}: CPU µs per request in process (median of 7 rounds of ${n})`);
for (const [name, fn] of chosen) {
	const sample = /** @type {{ status?: number, body: string }} */ (await fn());
	// A refusal or an error page is short and fast: it must never pass for the request measured.
	const expected = name.startsWith('(d)') ? 'component=' : name.startsWith('(c)') ? 's cart' : 'Hi, Ada';
	if ((sample.status ?? 200) !== 200 || !sample.body.includes(expected)) throw new Error(`${name}: ${sample.status} ${sample.body.slice(0, 300)}`);
	// `--count`: a fixed warm-up, then exactly n requests and no timing (micro-instructions.js runs this under
	// callgrind at two values of n: the difference is the instructions of the extra requests alone).
	if (count) {
		for (let i = 0; i < COUNT_WARMUP + n; i++) await fn();
		continue;
	}
	await measure(fn, Math.ceil(n / 3));
	console.log(`${(await measure(fn, n)).toFixed(1).padStart(7)}  ${name}`);
}
