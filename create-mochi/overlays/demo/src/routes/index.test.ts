// A page test: this file runs in vitest's default `node` environment, so the page is compiled for the
// server, as in production, and renders inside a made-up request. The shop page is one cached file for
// everyone: it holds the islands' fallbacks, never a visitor's data, and says CDNs may keep it.
import { expect, test } from 'vitest';
import { expectIsland, renderServer } from 'mochi-framework/testing';
import Page from './index.svelte';
import { USER_COOKIE } from '$lib/visitor.js';
import { handle } from '../hooks.server.js';

const page = await renderServer(Page, { handle, request: { cookies: { [USER_COOKIE]: 'Ada' } } });

test('defers everything personal to server islands', () => {
	expectIsland(page, 'Recommended', { props: { product: 'mochi-set' }, fallback: 'Finding things you might like…' });
	expect(page.body).not.toContain('Ada');
});

test('adds to the cart with an enhanced form, which refreshes the mini cart island in place', () => {
	expectIsland(page, 'MiniCart', { fallback: 'Loading your cart…' });
	// `mochi:enhance` as it reaches the HTML: the runtime then sends the form with fetch.
	expect(page.body).toMatch(/<form\b[^>]*\bmochi-enhance\b[^>]*\baction="\/cart\?\/add"/);
});

test('may be cached by CDNs', () => {
	expect(page.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=600');
});
