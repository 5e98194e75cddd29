// A server component test: this file runs in vitest's default `node` environment, so Avatar is
// compiled for the server, as in production, and renders inside a made-up request.
import { expect, test } from 'vitest';
import { within } from '@testing-library/dom';
import { renderServer } from 'mochi-framework/testing';
import Avatar from './Avatar.svelte';

// Top-level await: Avatar itself awaits, and renderServer waits for it.
const signedIn = await renderServer(Avatar, {
	props: { user: { id: 7, role: 'admin' } },
	request: { cookies: { name: 'Ada' } }
});

test('greets the visitor named in their cookie', () => {
	expect(within(signedIn.container!).getByText(/Hi, Ada/).textContent).toBe('Hi, Ada (admin)');
});

test('records the headers and cookies it set', () => {
	expect(signedIn.headers.get('cache-control')).toBe('private, max-age=60');
	expect(signedIn.cookies).toEqual([{ name: 'seen', value: '1', options: expect.objectContaining({ maxAge: 3600 }) }]);
});

test('asks strangers to sign in', async () => {
	const { container } = await renderServer(Avatar, { props: { user: { id: 1, role: 'guest' } } });
	expect(within(container!).getByRole('link', { name: 'Sign in' })).toBeTruthy();
});
