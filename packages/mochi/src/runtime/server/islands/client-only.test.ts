// clientOnly(): the opening tag and props block of a `mochi:client` island, inside a request's store.
import { describe, expect, it } from 'vitest';
import { state, type RequestState } from '../state.js';
import { clientOnly } from './client-only.js';
import { PropsRegistry } from './props-registry.js';

function Chart() {}
function Unlisted() {}
state.islandNames.set(Chart, 'Chart');

function store(clientIslands: Record<string, string> | null): RequestState {
	const app = clientIslands && { clientIslands, render: (() => ({ head: '', body: '' })) as never, dev: false };
	return { app, props: new PropsRegistry(), islands: [], head: [], context: {} as never, request: {} as never };
}

const call = { client: 'load' as const, file: 'src/routes/index.svelte', line: 3, props: { points: [1, 2] } };

describe('clientOnly', () => {
	it('writes the props block once per payload and a <mochi-island client> pointing at the chunk', () => {
		const request = store({ Chart: '/_mochi/assets/Chart-abc.js' });
		const [first, second] = state.storage.run(request, () => [clientOnly(Chart as never, call), clientOnly(Chart as never, call)]);
		expect(first).toMatch(/^<script type="application\/json" id="mochi-props-0">.*<\/script><mochi-island name="Chart" hydrate="load" client component="\/_mochi\/assets\/Chart-abc\.js" props-ref="mochi-props-0">$/);
		// The same payload points at the first block; nothing is rendered and nothing signed.
		expect(second).toBe('<mochi-island name="Chart" hydrate="load" client component="/_mochi/assets/Chart-abc.js" props-ref="mochi-props-0">');
		expect(request.islands).toEqual([]);
		expect(request.head).toEqual([]);
	});

	it('escapes a hostile rootMargin and props as data', () => {
		const hostile = '"><script>alert(1)</script>';
		const html = state.storage.run(store({ Chart: '/c.js' }), () =>
			clientOnly(Chart as never, { ...call, client: 'visible', options: { rootMargin: hostile }, props: { text: hostile } })
		);
		expect(html).toContain('root-margin="&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;"');
		expect(html.match(/<script\b/g)).toHaveLength(1);
		expect(html).toContain('hydrate="visible"');
	});

	it('names the island and the prop that cannot be serialized, and a component with no chunk', () => {
		const run = (fn: () => unknown, clientIslands: Record<string, string> | null = { Chart: '/c.js' }) => () => state.storage.run(store(clientIslands), fn);
		expect(run(() => clientOnly(Chart as never, { ...call, props: { onpick: () => 1 } }))).toThrow(/Island <Chart> \(src\/routes\/index\.svelte:3\): prop "onpick" can't be serialized/);
		expect(run(() => clientOnly(Chart as never, call), {})).toThrow('Island <Chart> is client-only but has no client chunk');
		expect(run(() => clientOnly(Unlisted as never, call))).toThrow(/is not in the island registry/);
	});

	it('refuses to render outside a request; with no app (a component test) points at no chunk', () => {
		expect(() => clientOnly(Chart as never, call)).toThrow(/<Chart mochi:client> can only render while Mochi serves a request/);
		expect(state.storage.run(store(null), () => clientOnly(Chart as never, call))).toContain('component=""');
	});
});
