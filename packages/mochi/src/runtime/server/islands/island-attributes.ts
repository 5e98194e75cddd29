import * as devalue from 'devalue';
import { state } from '../state.js';
import { signToken } from './token.js';
import { getKey } from './current-key.js';
import { TOKEN_ATTRIBUTE, type IslandLoad, type IslandMode } from '../../shared/constants.js';
import { ROOT_MARGIN_ATTRIBUTE } from '../../shared/props-script.js';

/** What the preprocessor passes for each `<X mochi:defer …>` (see preprocess/). */
export interface IslandCall {
	mode: IslandMode;
	load: IslandLoad;
	/** Where the island is written, for error messages. */
	file: string;
	line: number;
	/** `mochi:defer:visible={{ rootMargin }}` */
	options?: { rootMargin?: string };
	props: Record<string, unknown>;
}

/** One island signed during a render: enough to sign it again with another key. */
export interface SignedIsland {
	name: string;
	mode: IslandMode;
	payload: string;
	token: string;
}

/**
 * Called by compiled pages: `<mochi-island {...island(Avatar, {...})}>`. Serializes and signs the
 * props and returns the attributes of the island's wrapper element.
 */
export function island(component: unknown, call: IslandCall): Record<string, string> {
	const where = `${call.file}:${call.line}`;
	const name = islandName(component, where);
	const payload = serializeProps(name, where, call.props);
	const token = signToken(getKey(), name, call.mode, payload);
	state.storage.getStore()?.islands.push({ name, mode: call.mode, payload, token });

	const attributes: Record<string, string> = { name, [TOKEN_ATTRIBUTE]: token, style: 'display:contents' };
	if (call.load === 'visible') attributes.load = 'visible';
	if (call.options?.rootMargin) attributes[ROOT_MARGIN_ATTRIBUTE] = call.options.rootMargin;
	return attributes;
}

/** The registered name of an island component, or an error saying why it has none. */
export function islandName(component: unknown, where: string): string {
	const name = state.islandNames.get(component as object);
	if (name === undefined) {
		throw new Error(
			`${where}: this component is used as an island but is not in the island registry. ` +
				'Is it imported statically from a .svelte file under src/? (restart the dev server if you just added it)'
		);
	}
	return name;
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
