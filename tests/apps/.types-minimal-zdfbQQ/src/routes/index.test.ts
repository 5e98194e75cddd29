// A page test: this file runs in vitest's default `node` environment, so the page is compiled for the
// server, as in production, and renders inside a made-up request. It checks what the cached page holds:
// the server island's placeholder (not its HTML) and the client island rendered in place.
import { expect, test } from 'vitest';
import { within } from '@testing-library/dom';
import { expectIsland, renderServer } from 'mochi-framework/testing';
import Page from './index.svelte';

const page = await renderServer(Page);

test('defers the greeting, with a fallback until it arrives', () => {
	const greeting = expectIsland(page, 'Greeting', { props: {}, fallback: 'Loading your greeting…' });
	expect(greeting.load).toBe('eager');
});

test('renders the counter in place, ready to hydrate', () => {
	expect(within(page.container!).getByRole('button').textContent).toBe('Clicked 0 times');
});
