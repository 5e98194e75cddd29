import { compileFunction } from 'node:vm';
import * as devalue from 'devalue';
import { escapeScriptJson } from './props-registry.js';
import { HYDRATABLE_ATTRIBUTE, HYDRATABLE_PROMISE } from '../../shared/props-script.js';

/**
 * The `hydratable()` data of a deferred + hydrated island, as its fragment carries it: data, not code.
 *
 * Svelte writes that data as an inline script: `h.set(key, value)`, each value as JavaScript source from
 * devalue's `uneval`. In a page, the browser runs it as it parses (with the page's nonce or hash). In a
 * fragment it can't run: HTML parsed from a fetch is inert, and re-creating the script would need a
 * nonce the page's policy lists. The server that renders an island doesn't know the page's nonce, and
 * a prerendered page's nonce would be public (the same file for everyone; any `<iframe srcdoc>` in
 * island HTML could reuse it).
 *
 * So the server turns the code back into values here, by running Svelte's own serializer output (the
 * very code Svelte would have had the browser run) with `window` and `Promise` bound to local objects,
 * and writes them with devalue as a `type="application/json"` block marked with `token`, which the answer
 * also carries in a header. The island's chunk puts them where Svelte's script would have
 * (runtime/client/hydrate.ts), from the blocks whose token matches only.
 * The browser never runs code that came in a fragment.
 */
export function hydratableData(script: string, token: string): string {
	const store = new Map<unknown, unknown>();
	const run = compileFunction(`"use strict";${script}`, ['window', 'Promise'], { filename: 'svelte-hydratable-data.js' });
	run({ __svelte: { h: store } }, { resolve: (value: unknown) => new Settled(value) });
	if (store.size === 0) {
		throw new Error("mochi: Svelte's hydratable() script no longer fills window.__svelte.h; this Svelte version is not supported yet.");
	}
	const json = devalue.stringify([...store], { [HYDRATABLE_PROMISE]: (value) => value instanceof Settled && [value.value] });
	return `<script type="application/json" ${HYDRATABLE_ATTRIBUTE}="${token}">${escapeScriptJson(json)}</script>`;
}

/** What `Promise.resolve(v)` gives inside Svelte's script here: the value, marked as having been a promise. */
class Settled {
	constructor(readonly value: unknown) {}
}
