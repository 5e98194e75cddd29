// A page with a form action, rendered as Mochi renders it after a POST: with `form` set to what the action
// returned. (The action itself runs over HTTP: `npm run build`, `npm start`, and post the form.)
import { expect, test } from 'vitest';
import { within } from '@testing-library/dom';
import { renderServer } from 'mochi-framework/testing';
import Page from './name.svelte';

const asked = await renderServer(Page);
const refused = await renderServer(Page, { props: { params: {}, form: { name: 'x'.repeat(41), error: 'At most 40 characters, please.' } } });

test('asks for a name', () => {
	expect(within(asked.container).getByRole('textbox', { name: 'Your name' }).value).toBe('');
	expect(within(asked.container).queryByRole('alert')).toBeNull();
});

test('shows what fail() returned, with the name as typed', () => {
	expect(within(refused.container).getByRole('alert').textContent).toBe('At most 40 characters, please.');
	expect(within(refused.container).getByRole('textbox', { name: 'Your name' }).value).toBe('x'.repeat(41));
});
