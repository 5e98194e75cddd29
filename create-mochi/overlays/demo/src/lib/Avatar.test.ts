// A server island test: this file runs in vitest's default `node` environment, so Avatar is compiled
// for the server, as in production, and renders inside a made-up request with the visitor's cookies.
import { expect, test } from 'vitest';
import { within } from '@testing-library/dom';
import { renderServer } from 'mochi-framework/testing';
import Avatar from './Avatar.svelte';
import { USER_COOKIE } from './visitor.js';

test('shows the signed-in visitor, with their initials', async () => {
	const { container } = await renderServer(Avatar, { request: { cookies: { [USER_COOKIE]: 'Ada Lovelace' } } });
	expect(within(container!).getByText('Hi, Ada Lovelace')).toBeTruthy();
	expect(within(container!).getByText('AL')).toBeTruthy();
});

test('offers everyone else a sign-in form', async () => {
	const { container } = await renderServer(Avatar);
	expect(within(container!).getByRole('button', { name: 'Sign in' })).toBeTruthy();
});
