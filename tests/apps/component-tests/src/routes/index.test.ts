import { expect, test } from 'vitest';
import { within } from '@testing-library/dom';
import { expectIsland, renderServer } from 'mochi-framework/testing';
import Page from './index.svelte';

const page = await renderServer(Page);

test('defers the avatar, with its props and a fallback', () => {
	const avatar = expectIsland(page, 'Avatar', { props: { user: { id: 7, role: 'admin' } }, fallback: 'Loading…' });
	expect(avatar.load).toBe('eager');
});

test('renders the counter in place, ready to hydrate', () => {
	expect(within(page.container!).getByRole('button').textContent).toBe('Count: 1');
});
