// A server island test: this file runs in vitest's default `node` environment, so Greeting is compiled
// for the server, as in production, and renders inside a made-up request with the visitor's cookies.
import { expect, test } from 'vitest';
import { within } from '@testing-library/dom';
import { renderServer } from 'mochi-framework/testing';
import Greeting from './Greeting.svelte';

test('greets the visitor named in their cookie', async () => {
	const { container } = await renderServer(Greeting, { request: { cookies: { name: 'Ada' } } });
	expect(within(container).getByText('Hello, Ada!')).toBeTruthy();
});

test('asks strangers for their name', async () => {
	const { container } = await renderServer(Greeting);
	expect(within(container).getByRole('button', { name: 'Say hello' })).toBeTruthy();
});
