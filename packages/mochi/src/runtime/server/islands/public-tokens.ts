import type { IslandMode } from '../../shared/constants.js';
import type { Keyring, VerifyResult } from './token.js';

type Verified = Extract<VerifyResult, { ok: true }>;

/**
 * The tokens of this server's prerendered pages, signed with its key (by the build, or by the server on a
 * page's first request: runtime/server/prerendered.ts): the same bytes go to every
 * visitor, so every visitor's island request carries one of them. Their verdict is known, and a request
 * with one skips decoding, inflating and the HMAC (about a tenth of an island request's CPU).
 *
 * Only public tokens belong here. Whether a lookup hits can be timed, and for these that tells nobody
 * anything: each is in a page anyone can fetch. A token signed while rendering for one visitor is never
 * added, so timing can't reveal which props someone else was shown.
 */
export class PublicTokens {
	#known = new Map<string, { keyring: Keyring; verdict: Verified }>();

	/** `token` is signed with `keyring.current` over `payload`, for island `name` in `mode`, without an issue time. */
	add(keyring: Keyring, island: { name: string; mode: IslandMode; payload: string; token: string }): void {
		this.#known.set(`${island.name}\0${island.token}`, { keyring, verdict: { ok: true, payload: island.payload, mode: island.mode } });
	}

	/** The verified props of a known token, or undefined (then verify it). Void once the keys change. */
	get(keyring: Keyring, name: string, token: string): Verified | undefined {
		const known = this.#known.get(`${name}\0${token}`);
		return known && known.keyring === keyring ? known.verdict : undefined;
	}
}
