// Every page's frame: the header's personal parts are server islands, so the layout stays the same for
// everyone (and a prerendered page can keep it).
import { expect, test } from 'vitest';
import { createRawSnippet } from 'svelte';
import { expectIsland, renderServer } from 'mochi-framework/testing';
import Layout from './_layout.svelte';

const children = createRawSnippet(() => ({ render: () => '<p>The page</p>' }));
const layout = await renderServer(Layout, { props: { children } });

test('wraps the page in the header’s islands and the footer', () => {
	expectIsland(layout, 'Avatar', { props: {}, fallback: 'Loading your account…' });
	expectIsland(layout, 'CartCount', { props: {} });
	expect(layout.body).toContain('<p>The page</p>');
	expect(layout.body).toContain('href="/account"');
});
