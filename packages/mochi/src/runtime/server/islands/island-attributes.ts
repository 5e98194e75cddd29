import * as devalue from 'devalue';
import type { Component } from 'svelte';
import { state } from '../state.js';
import { signToken } from './token.js';
import { getKey } from './current-key.js';
import { MAX_GET_TOKEN_LENGTH, ROOT_MARGIN_ATTRIBUTE, STREAM_ATTRIBUTE, TOKEN_ATTRIBUTE, TOKEN_PARAM, type IslandLoad, type IslandMode } from '../../shared/constants.js';

/** The GET URL the runtime fetches an island at (DESIGN.md §3), under `islandPath` (`{assetPrefix}/island/`). */
export function islandHref(islandPath: string, name: string, token: string): string {
	return `${islandPath}${encodeURIComponent(name)}?${TOKEN_PARAM}=${token}`;
}

/**
 * What the preprocessor passes for each `<X mochi:defer …>` (see preprocess/). `Props` is the island
 * component's own props, so `mochi check` type-checks an island's attributes like any other use.
 */
export interface IslandCall<Props extends Record<string, any> = Record<string, unknown>> {
	mode: IslandMode;
	load: IslandLoad;
	/** Where the island is written, for error messages. */
	file: string;
	line: number;
	/** `mochi:defer:visible={{ rootMargin }}` */
	options?: { rootMargin?: string };
	props: Props;
}

/** One island signed during a render: enough to sign it again with another key. */
export interface SignedIsland {
	name: string;
	mode: IslandMode;
	payload: string;
	token: string;
	/** Fetched at once (`eager`, worth a preload link) or when scrolled near. */
	load?: IslandLoad;
}

/**
 * Called by compiled pages: `<mochi-island {...island(Avatar, {...})}>`. Serializes and signs the
 * props and returns the attributes of the island's wrapper element.
 *
 * `Props` is inferred from the component alone (`NoInfer` on the call), so a wrong attribute is
 * reported on that attribute, as on a plain `<Avatar …>`, not as a mismatch of the whole component.
 * The fallback children belong to the `<mochi-island>` shell and are not part of `props`.
 */
export function island<Props extends Record<string, any>>(
	component: Component<Props, any, any>,
	call: IslandCall<NoInfer<Props>>
): Record<string, string> {
	const where = `${call.file}:${call.line}`;
	const name = islandName(component, where);
	const payload = serializeProps(name, where, call.props);
	const store = state.storage.getStore();
	const token = signToken(getKey().current, name, call.mode, payload, { issuedAt: issueTime(store?.app?.islandMaxAge) });
	store?.islands.push({ name, mode: call.mode, payload, token, load: call.load });
	if (token.length > MAX_GET_TOKEN_LENGTH) warnLargeToken(name, where, token.length);

	// No style attribute (a strict style-src would refuse it): the page's head has the rule (island-style.ts).
	const attributes: Record<string, string> = { name, [TOKEN_ATTRIBUTE]: token };
	if (call.load === 'visible') attributes.load = 'visible';
	if (call.options?.rootMargin) attributes[ROOT_MARGIN_ATTRIBUTE] = call.options.rootMargin;
	// A page that may stream gives each eager island a slot; stream-page.ts takes the attribute off again if
	// the page turns out not to stream. Islands known to set cookies or headers keep being fetched.
	const slots = store?.stream;
	if (slots && call.load === 'eager' && token.length <= MAX_GET_TOKEN_LENGTH && !store!.app?.stream?.fetched.has(name)) {
		attributes[STREAM_ATTRIBUTE] = String(slots.push({ name, token }) - 1);
	}
	return attributes;
}

/**
 * The issue time to sign with `islands.maxAge` on, else none. It is rounded down to a step (a tenth
 * of maxAge, at most a minute), so every render within one step gives the same token and the island
 * URL stays cacheable; the cost is that a token may expire up to one step before maxAge is up.
 *
 * A prerendered page gets one here too, at build time, but the server re-signs its islands without
 * one when it starts (prerendered.ts): that file is served for as long as the deploy lives, so its
 * islands must never go stale.
 */
export function issueTime(maxAge: number | null | undefined, now = Date.now()): number | undefined {
	if (maxAge == null) return undefined;
	const step = Math.min(60, Math.max(1, Math.floor(maxAge / 10)));
	const seconds = Math.floor(now / 1000);
	return seconds - (seconds % step);
}

const warnedLarge = new Set<string>();

/**
 * Once per island: its props make a token too long for a URL, so the browser POSTs it, and a POST is
 * cached by no browser or CDN. Usually a sign that an id should be passed instead of the data.
 */
function warnLargeToken(name: string, where: string, length: number): void {
	if (warnedLarge.has(name)) return;
	warnedLarge.add(name);
	console.warn(
		`[mochi] island <${name}> (${where}): its signed props are ${(length / 1024).toFixed(1)} KB, past the ` +
			`${MAX_GET_TOKEN_LENGTH / 1000} KB that fit in a URL, so browsers will fetch it with POST, which nothing caches. ` +
			'Pass an id and load the data inside the island instead.'
	);
}

/**
 * The registered name of an island component, or an error saying why it has none. Outside an app (a
 * component test: no createApp() filled the registry), the island is named after its component,
 * which Svelte names after its file, as the registry does.
 */
export function islandName(component: unknown, where: string): string {
	const name = state.islandNames.get(component as object);
	if (name !== undefined) return name;
	if (state.storage.getStore()?.app == null && typeof component === 'function' && component.name) return component.name;
	throw new Error(
		`${where}: this component is used as an island but is not in the island registry. ` +
			'Is it imported statically from a .svelte file under src/? (restart the dev server if you just added it)'
	);
}

/** devalue's output, or an error that names the island and the prop that can't cross the network. */
export function serializeProps(name: string, where: string, props: Record<string, unknown>): string {
	try {
		return devalue.stringify(props);
	} catch (error) {
		const path = (error as { path?: string }).path ?? '';
		const prop = path.replace(/^\./, '').split(/[.[]/)[0] || '(unknown)';
		const reason = (error as Error).message;
		throw new Error(
			`Island <${name}> (${where}): prop "${prop}" can't be serialized (${reason}${path ? ` at ${path}` : ''}). ` +
				'Server-island props must be data: plain objects, arrays, Date, Map, Set, RegExp, URL, BigInt, typed arrays.',
			{ cause: error }
		);
	}
}
