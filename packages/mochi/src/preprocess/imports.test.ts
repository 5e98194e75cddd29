// `staticSvelteImports`: the build follows these edges from a client island's component to find
// islands in its own subtree, so a missed edge hides an error and an extra one invents one.
import { describe, expect, test } from 'vitest';
import { staticSvelteImports } from './index.js';

const options = { filename: '/app/src/lib/Panel.svelte', root: '/app' };
const scan = (source: string) => staticSvelteImports(source, options);

describe('staticSvelteImports', () => {
	test('lists the .svelte imports of both scripts, module script first, each once', () => {
		const source = `<script>
	import Row from './Row.svelte';
	import { default as Cell } from '$lib/Cell.svelte';
	import Row2 from './Row.svelte';
	import { format } from '$lib/format';
</script>

<script module>
	import Header from './Header.svelte';
</script>

<Header /><Row /><Cell /><Row2 />`;
		expect(scan(source)).toEqual(['./Header.svelte', './Row.svelte', '$lib/Cell.svelte']);
	});

	test('counts side-effect imports and re-exports, which load the file too', () => {
		const source = `<script module>
	import './Global.svelte';
	export { default as Item } from './Item.svelte';
	export * from './Types.svelte';
</script>`;
		expect(scan(source)).toEqual(['./Global.svelte', './Item.svelte', './Types.svelte']);
	});

	test('leaves out what TypeScript erases', () => {
		const source = `<script lang="ts">
	import type Row from './Row.svelte';
	import { type Props } from './Cell.svelte';
	export type { Item } from './Item.svelte';
	import Card, { type CardProps } from './Card.svelte';
	let { row }: { row: Props } = $props();
</script>`;
		expect(scan(source)).toEqual(['./Card.svelte']);
	});

	test('leaves out dynamic imports, modules that merely end in .svelte.js, and query imports', () => {
		const source = `<script>
	import { counter } from './state.svelte.js';
	import raw from './Demo.svelte?raw';
	const Lazy = import('./Lazy.svelte');
</script>`;
		expect(scan(source)).toEqual([]);
	});

	test('reads only top-level scripts, not text or <svelte:head> scripts that look like imports', () => {
		const source = `<svelte:head>
	<script type="module">import Nope from './Head.svelte';</script>
</svelte:head>
<!-- <script>import Commented from './Commented.svelte';</script> -->
<pre>import Text from './Text.svelte';</pre>
<script>
	import Real from './Real.svelte';
</script>`;
		expect(scan(source)).toEqual(['./Real.svelte']);
	});

	test('works on files with islands and on files Svelte cannot parse', () => {
		const islands = `<script>\n\timport Counter from './Counter.svelte';\n</script>\n<Counter mochi:hydrate mochi:hydrate />`;
		expect(scan(islands)).toEqual(['./Counter.svelte']);
		expect(scan(`<script>import A from './A.svelte';</script><div {`)).toEqual([]);
		expect(scan('<p>no scripts</p>')).toEqual([]);
	});
});
