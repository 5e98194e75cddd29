import { describe, expect, it } from 'vitest';
import { expectIsland } from './expect-island.js';
import type { PlacedIsland } from './placed-islands.js';

const avatar: PlacedIsland = { name: 'Avatar', props: { user: { id: 7, role: 'admin' } }, fallback: '<span>Loading…</span>', mode: 'plain', load: 'eager' };
const cart: PlacedIsland = { name: 'Cart', props: { title: 'Your cart' }, fallback: 'Loading cart…', mode: 'hydrate', load: 'visible' };
const counter = '<mochi-island name="Counter" hydrate="load" component="" props-ref="mochi-props-0"><button>1</button></mochi-island>';
const rendered = { islands: [avatar, cart], body: counter };

function failure(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		expect((error as Error).name).toBe('AssertionError');
		return (error as Error).message;
	}
	throw new Error('expected expectIsland to throw');
}

describe('expectIsland', () => {
	it('returns the island whose given props and fallback match', () => {
		expect(expectIsland(rendered, 'Avatar', { props: { user: { id: 7, role: 'admin' } }, fallback: 'Loading…' })).toBe(avatar);
		expect(expectIsland(rendered, 'Cart', { fallback: /cart…$/ })).toBe(cart);
		expect(expectIsland(rendered, 'Cart')).toBe(cart);
	});

	it('checks only the props it is given, each deeply, and takes asymmetric matchers', () => {
		expect(expectIsland(rendered, 'Avatar', { props: { user: expect.objectContaining({ id: expect.any(Number) }) } })).toBe(avatar);
		expect(() => expectIsland(rendered, 'Avatar', { props: { user: { id: 7 } } })).toThrow(/props\.user/);
	});

	it('lists every island found and says why the same-named one does not match', () => {
		const message = failure(() => expectIsland(rendered, 'Avatar', { props: { user: { id: 8, role: 'admin' } } }));
		expect(message).toBe(
			[
				"expectIsland: expected a <Avatar> server island with props { user: { id: 8, role: 'admin' } }, but none matches.",
				'Server islands found (2):',
				'  <Avatar> plain, eager, props { user: { id: 7, role: \'admin\' } }, fallback "Loading…"',
				"    ✗ props.user: expected { id: 8, role: 'admin' }, received { id: 7, role: 'admin' }",
				'  <Cart> hydrate, visible, props { title: \'Your cart\' }, fallback "Loading cart…"'
			].join('\n')
		);
	});

	it('names a missing prop and a fallback that does not match', () => {
		const message = failure(() => expectIsland(rendered, 'Cart', { props: { items: 3 }, fallback: 'Please wait' }));
		expect(message).toContain('✗ props.items: expected 3, but the island has no such prop');
		expect(message).toContain('✗ fallback: expected containing "Please wait", received "Loading cart…"');
	});

	it('says when no island has the name, and when the name is a client island instead', () => {
		expect(failure(() => expectIsland(rendered, 'Banner', {}))).toMatch(/^expectIsland: expected a <Banner> server island, but the render placed no <Banner>\./);
		expect(failure(() => expectIsland(rendered, 'Counter', {}))).toContain('<Counter> is a client island here (mochi:hydrate alone)');
		expect(failure(() => expectIsland({ islands: [], body: '' }, 'Avatar', {}))).toContain('Server islands found: none.');
	});
});
