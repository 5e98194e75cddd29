// @vitest-environment jsdom
// A client island test: in a jsdom environment Vite compiles Counter for the browser, and
// @testing-library/svelte mounts it as hydration would. (No server rendering in such a file.)
import { expect, test } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import Counter from './Counter.svelte';

test('counts clicks from its start', async () => {
	render(Counter, { start: 1 });
	const button = screen.getByRole('button');
	await fireEvent.click(button);
	expect(button.textContent).toBe('Clicked 2 times');
});
