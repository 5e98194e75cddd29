// A server island test: this file runs in vitest's default `node` environment, so Avatar is compiled
// for the server, as in production, and renders inside a made-up request with the visitor's cookies.
// The app's own hook runs around it, as around every request: it loads the visitor into ctx.locals.
import { expect, test } from 'vitest';
import { within } from '@testing-library/dom';
import { renderServer } from 'mochi-framework/testing';
import Avatar from './Avatar.svelte';
import { USER_COOKIE } from './visitor.js';
import { handle } from '../hooks.server.js';

// Rendered as the file loads, like the page tests: the first render also starts the DOM for `container`,
// which on a busy machine can take longer than one test's time limit.
const ada = await renderServer(Avatar, { handle, request: { cookies: { [USER_COOKIE]: 'Ada Lovelace' } } });
const stranger = await renderServer(Avatar, { handle });

test('shows the signed-in visitor, with their initials and a way out', () => {
	expect(within(ada.container!).getByRole('link', { name: 'Hi, Ada Lovelace' }).getAttribute('href')).toBe('/account');
	expect(within(ada.container!).getByText('AL')).toBeTruthy();
	expect(within(ada.container!).getByRole('button', { name: 'Sign out' }).closest('form')!.getAttribute('action')).toBe('/account?/signOut');
});

test('offers everyone else a sign-in form, which posts to the /sign-in page’s action', () => {
	expect(within(stranger.container!).getByRole('button', { name: 'Sign in' }).closest('form')!.getAttribute('action')).toBe('/sign-in');
});

test('both forms are enhanced: on a page with enhanced forms they refresh the islands in place', () => {
	expect(within(ada.container!).getByRole('button', { name: 'Sign out' }).closest('form')!.hasAttribute('mochi-enhance')).toBe(true);
	expect(within(stranger.container!).getByRole('button', { name: 'Sign in' }).closest('form')!.hasAttribute('mochi-enhance')).toBe(true);
});
