// The docs' search (sites/docs/src/lib/search-words.ts), which runs in the Search island in the browser.
import { describe, expect, it } from 'vitest';
import { search, type SearchEntry } from '../../sites/docs/src/lib/search-words.js';

const entries: SearchEntry[] = [
	{ title: 'Tokens and keys', heading: 'Rotation', url: '/guide/tokens-and-keys#rotation', text: 'MOCHI_KEY may list several keys, the current one first.' },
	{ title: 'Production', heading: 'Behind nginx', url: '/guide/production#behind-nginx', text: 'Every instance runs with the same MOCHI_KEY and MOCHI_TRUST_PROXY=1.' },
	{ title: 'Routing', heading: '', url: '/guide/routing', text: 'Every file in src/routes is a route.' }
];

describe('docs search', () => {
	it('needs every word, in any case, and ranks a title or heading above the text', () => {
		expect(search(entries, 'mochi_key').map((hit) => hit.entry.url)).toEqual(['/guide/tokens-and-keys#rotation', '/guide/production#behind-nginx']);
		expect(search(entries, 'NGINX mochi_key').map((hit) => hit.entry.url)).toEqual(['/guide/production#behind-nginx']);
		expect(search(entries, 'rotation nginx')).toEqual([]);
		expect(search(entries, 'ROUTING')[0].entry.url).toBe('/guide/routing');
	});

	it('an empty or blank query finds nothing, and the limit holds', () => {
		expect(search(entries, '')).toEqual([]);
		expect(search(entries, '   \t')).toEqual([]);
		const many = Array.from({ length: 50 }, (_, i) => ({ title: `Page ${i}`, heading: '', url: `/p/${i}`, text: 'island' }));
		expect(search(many, 'island')).toHaveLength(20);
	});

	it('hostile queries are plain text: regex syntax, markup and huge input match literally or not at all', () => {
		expect(search(entries, '.*')).toEqual([]);
		expect(search(entries, '(')).toEqual([]);
		expect(search(entries, '<script>')).toEqual([]);
		expect(search(entries, 'a'.repeat(100_000))).toEqual([]);
		expect(search(entries, 'PROXY=1')[0].entry.url).toBe('/guide/production#behind-nginx');
	});

	it('the excerpt is the text around the first word', () => {
		const long = { title: 'T', heading: 'H', url: '/t', text: `${'x '.repeat(200)}needle ${'y '.repeat(200)}` };
		const [hit] = search([long], 'needle');
		expect(hit.excerpt).toContain('needle');
		expect(hit.excerpt.startsWith('…')).toBe(true);
		expect(hit.excerpt.length).toBeLessThan(170);
	});
});
