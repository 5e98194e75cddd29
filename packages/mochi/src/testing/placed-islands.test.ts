import { describe, expect, it } from 'vitest';
import * as devalue from 'devalue';
import { signToken } from '../runtime/server/islands/token.js';
import { keyFromSecret } from '../runtime/server/islands/key.js';
import { islandElements, placedIslands, textOf } from './placed-islands.js';

const key = keyFromSecret(Buffer.alloc(32, 1));
const props = { user: { id: 7 }, when: new Date(0), tags: new Set(['a']), quote: '"<&>' };
const payload = devalue.stringify(props);
const token = signToken(key, 'Avatar', 'hydrate', payload);

describe('placedIslands', () => {
	it('decodes props from the token and takes the mode from what the render signed', () => {
		const html = `<p>x</p><mochi-island name="Avatar" signed-props="${token}" load="visible">Loading…</mochi-island>`;
		expect(placedIslands(html, [{ name: 'Avatar', mode: 'hydrate', payload, token }])).toEqual([
			{ name: 'Avatar', props, fallback: 'Loading…', mode: 'hydrate', load: 'visible' }
		]);
		expect(placedIslands(html)[0].mode).toBe('plain');
	});

	it('finds nested shells, outermost first, and skips client islands', () => {
		const inner = `<mochi-island name="B" signed-props="${token}">b</mochi-island>`;
		const client = '<mochi-island name="C" hydrate="load" component="" props-ref="mochi-props-0"><i>c</i></mochi-island>';
		const html = `<mochi-island name="A" signed-props="${token}"><div>${inner}${client}</div></mochi-island>`;
		expect(placedIslands(html).map((island) => [island.name, island.fallback])).toEqual([
			['A', `<div>${inner}${client}</div>`],
			['B', 'b']
		]);
		expect(islandElements(html).map((element) => element.attributes.name)).toEqual(['A', 'B', 'C']);
	});

	it('decodes entities in attributes and in fallback text', () => {
		const [element] = islandElements('<mochi-island name="A&amp;B" root-margin=\'10px\'>x</mochi-island>');
		expect(element.attributes).toEqual({ name: 'A&B', 'root-margin': '10px' });
		expect(textOf('<p>Fish &amp; chips&#33;</p>\n <!-- note --> <b>&#x2603;</b>')).toBe('Fish & chips! ☃');
	});
});
