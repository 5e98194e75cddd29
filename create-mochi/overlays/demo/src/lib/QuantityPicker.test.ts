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
