// @vitest-environment jsdom
// A client island test: in a jsdom environment Vite compiles QuantityPicker for the browser, and
// @testing-library/svelte mounts it as hydration would. (No server rendering in such a file.)
import { expect, test } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import QuantityPicker from './QuantityPicker.svelte';

test('updates the total as the quantity changes', async () => {
	render(QuantityPicker, { sku: 'matcha', price: 32 });
	await fireEvent.click(screen.getByRole('button', { name: 'One more' }));
	expect(screen.getByRole('button', { name: /^Add/ }).textContent).toBe('Add 2 to cart · $64');
});

test('starts again from 1 when the form is reset (as the runtime does once the cart islands have refreshed)', async () => {
	render(QuantityPicker, { sku: 'kinako', price: 9 });
	await fireEvent.click(screen.getByRole('button', { name: 'One more' }));
	await fireEvent.click(screen.getByRole('button', { name: 'One more' }));
	expect(screen.getByRole('button', { name: /^Add/ }).textContent).toBe('Add 3 to cart · $27');
	screen.getByTestId('quantity-picker').closest('form')!.reset();
	await Promise.resolve();
	await expect.poll(() => screen.getByRole('button', { name: /^Add/ }).textContent).toBe('Add 1 to cart · $9');
});
