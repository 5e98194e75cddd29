// After a POST whose action returned fail(), Mochi renders the page with `form` set to its data: this is
// that render, with the message shown and the name kept as the visitor typed it.
import { expect, test } from 'vitest';
import { within } from '@testing-library/dom';
import { renderServer } from 'mochi-framework/testing';
import Page from './sign-in.svelte';
import { handle } from '../hooks.server.js';

const form = { name: 'Ada <3', next: '/cart', error: 'Letters, spaces, hyphens and apostrophes only, please.' };
const { container } = await renderServer(Page, { handle, props: { params: {}, form }, request: { url: '/sign-in', kind: 'action' } });

test('shows the action’s message and keeps the name as typed', () => {
	expect(within(container!).getByRole('alert').textContent).toBe(form.error);
	expect(within(container!).getByLabelText<HTMLInputElement>('Your name').value).toBe('Ada <3');
	expect(container!.querySelector<HTMLInputElement>('input[name=next]')!.value).toBe('/cart');
});
