import { PROPS_ID_PREFIX } from '../../shared/props-script.js';

/**
 * Props blocks of one response (a page or an island fragment): byte-identical payloads share one
 * `<script type="application/json">`, so ten counters with the same props cost one block.
 */
export class PropsRegistry {
	#ids = new Map<string, string>();

	/** The block id for this payload, and the `<script>` to write if it is the first use. */
	ref(payload: string): { id: string; script: string | null } {
		const existing = this.#ids.get(payload);
		if (existing) return { id: existing, script: null };
		const id = `${PROPS_ID_PREFIX}${this.#ids.size}`;
		this.#ids.set(payload, id);
		return { id, script: `<script type="application/json" id="${id}">${escapeScriptJson(payload)}</script>` };
	}
}

/**
 * Make devalue's JSON safe inside `<script>`: no `<` at all (so no `</script>` or `<!--`), and the
 * line separators U+2028/U+2029 escaped. Every replacement is a valid JSON string escape, and `<`
 * can only occur inside strings, so the browser's JSON.parse/devalue.parse reads the same value.
 */
export function escapeScriptJson(json: string): string {
	return json.replace(/[<\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
