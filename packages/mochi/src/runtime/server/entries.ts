// The type of a dynamic page's `entries()`, which only `mochi build` calls (core/prerender/): it lists the
// params to prerender. A type only: nothing of it runs on the server at request time.

/**
 * `export const entries: Entries<{ slug: string }> = () => …` in a page's `<script module>`, beside
 * `export const prerender = true`: the params of every URL of the page to prerender, sync or async. Each
 * value is a string; a rest param (`[...path]`) may hold `/` (and `''` for the route's own folder).
 *
 * ```svelte
 * <script module lang="ts">
 *   import type { Entries } from 'mochi-framework';
 *   export const prerender = true;
 *   export const entries: Entries<{ slug: string }> = async () => [{ slug: 'hello' }, { slug: 'café' }];
 * </script>
 * ```
 * `mochi build` then writes build/prerendered/blog/hello.html and blog/café.html (for `/blog/caf%C3%A9`).
 */
export type Entries<Params extends Record<string, string> = Record<string, string>> = () => Params[] | Promise<Params[]>;
