// The hook guards /account: with the app's `handle`, renderServer answers as the server would.
import { expect, test } from 'vitest';
import { renderServer } from 'mochi-framework/testing';
import Account from './account.svelte';
import { USER_COOKIE } from '$lib/visitor.js';
import { handle } from '../hooks.server.js';

const stranger = await renderServer(Account, { handle, request: { url: '/account' } });
const ada = await renderServer(Account, { handle, request: { url: '/account', cookies: { [USER_COOKIE]: 'Ada' } } });

test('sends a visitor who isn’t signed in to sign in first', () => {
	expect(stranger.status).toBe(303);
	expect(stranger.headers.get('location')).toBe('/sign-in?next=%2Faccount');
});

test('shows the signed-in visitor their account', () => {
	expect(ada.status).toBe(200);
	expect(ada.body).toContain('Signed in as <strong data-testid="account-name">Ada</strong>');
});
