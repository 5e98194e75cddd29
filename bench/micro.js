// @ts-check
// `pnpm --filter mochi-bench micro`: what the pieces of Mochi's per-request path cost on their own, in
// this Node, in one process (CPU µs per operation, median of 5 rounds). The unit costs behind README.md's
// "What the hot path costs"; run it again after an optimisation, or on another Node version.
// Plain JavaScript under bare `node`: a loader (tsx) would add its hooks to every import().
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac, randomBytes } from 'node:crypto';

const secret = randomBytes(32);
const payload = Buffer.from('\x02\x00\x01\x02\x03\x04[{}]');
const headers = { host: '127.0.0.1:3000', cookie: 'demo_user=Ada; demo_cart=matcha,kinako', referer: 'http://127.0.0.1:3000/', accept: '*/*' };
const html = new TextEncoder().encode('<!doctype html>' + 'x'.repeat(2000));
const loaded = new URL('./lib/http-fixture.js', import.meta.url).href;
const islandUrl = 'http://127.0.0.1:3000/_mochi/island/Avatar?p=AgCBYW3GW3t9XQ.UoIBUM0A9ZoiRIG0tPfABwMLtryLPUAIhC09b58tAp0';

/** @type {Array<[string, () => unknown]>} */
const cases = [
	['new AbortController()', () => new AbortController()],
	['new Headers(4 request headers)', () => new Headers(headers)],
	['new URL(island URL)', () => new URL(islandUrl)],
	['new Request(url, { headers })', () => new Request(islandUrl, { headers })],
	['new Request(url, { headers, signal })', () => new Request(islandUrl, { headers, signal: new AbortController().signal })],
	['new Response(2 KB bytes, { headers })', () => new Response(html, { headers: { 'content-type': 'text/html' } })],
	['new Response(2 KB bytes) + read its body', async () => {
		const reader = /** @type {ReadableStream<Uint8Array>} */ (new Response(html).body).getReader();
		while (!(await reader.read()).done);
	}],
	['HMAC-SHA256 of a small token (createHmac + digest)', () => createHmac('sha256', secret).update('mochi-island-v2\0Avatar\0plain\0').update(payload).digest()],
	['await import() of an already loaded module', () => import(loaded)],
	['10 awaited promises, no AsyncLocalStorage yet', () => tenPromises()]
];

async function tenPromises() {
	for (let i = 0; i < 10; i++) await Promise.resolve(i);
}

/** @param {() => unknown} fn @param {number} iterations */
async function measure(fn, iterations) {
	const rounds = [];
	for (let round = 0; round < 5; round++) {
		const start = process.cpuUsage();
		for (let i = 0; i < iterations; i++) await fn();
		const used = process.cpuUsage(start);
		rounds.push((used.user + used.system) / iterations);
	}
	return rounds.sort((a, b) => a - b)[2];
}

/** @type {Array<[string, number]>} */
const rows = [];
for (const [name, fn] of cases) {
	await measure(fn, 2000);
	rows.push([name, await measure(fn, 20000)]);
}
// Once an AsyncLocalStorage has been used, Node 20 runs promise hooks for every promise in the process.
const storage = new AsyncLocalStorage();
await storage.run({}, () => tenPromises());
await measure(tenPromises, 2000);
rows.push(['10 awaited promises, AsyncLocalStorage in use', await measure(tenPromises, 20000)]);

// A request through a trivial hook (`handle = (ctx, resolve) => resolve()`), next to the same request
// without one: what src/hooks.server.ts adds to every page and island, apart from the app's own work.
// serve() stands for the page renderer, which enters the request's AsyncLocalStorage itself.
const dist = new URL('../packages/mochi/dist/runtime/server/', import.meta.url).href;
const { createHookRunner } = await import(`${dist}hooks.js`);
const { createRequestState } = await import(`${dist}create-context.js`);
const { state } = await import(`${dist}state.js`);
const pageUrl = new URL('http://127.0.0.1:3000/cart');
/** @type {import('../packages/mochi/dist/runtime/server/exchange.js').IncomingRequest} */
const incoming = { method: 'GET', url: pageUrl, header: (name) => headers[/** @type {keyof typeof headers} */ (name)] ?? null, clientAddress: () => '127.0.0.1', request: () => new Request(pageUrl) };
const answer = () => ({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, cookies: [], body: '<p>page</p>' });
/** @param {import('../packages/mochi/dist/runtime/server/create-context.js').PreparedRequest} prepared */
const serve = (prepared) => state.storage.run(prepared.state, async () => answer());
const runHooks = createHookRunner({ file: 'hooks', module: { handle: (/** @type {unknown} */ _ctx, /** @type {() => Promise<Response>} */ resolve) => resolve() } }, () => {});
const withoutHook = () => serve(createRequestState({ request: incoming, app: null }));
const withHook = () => runHooks(createRequestState({ request: incoming, app: null }), { serve, thrown: answer });
for (const [name, fn] of /** @type {Array<[string, () => unknown]>} */ ([
	['a request state + its answer, no hook', withoutHook],
	['the same through a trivial hook (answer back as an Answer)', withHook]
])) {
	await measure(fn, 2000);
	rows.push([name, await measure(fn, 20000)]);
}

console.log(`Node ${process.version}: CPU µs per operation (median of 5 rounds of 20,000)`);
for (const [name, micros] of rows) console.log(`${micros.toFixed(2).padStart(8)}  ${name}`);
