// `ctx.clientAddress` (DESIGN.md §6). Each proxy appends the address it received the request from to
// X-Forwarded-For, so only the right-most entries were written by proxies we run; everything to their left
// is whatever the client sent. MOCHI_XFF_DEPTH says how many of ours there are.
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export interface AddressOptions {
	/** Read X-Forwarded-For (MOCHI_TRUST_PROXY). Otherwise the peer's address is the answer. */
	trustProxy?: boolean;
	/** Proxies in front of this server that append to X-Forwarded-For (MOCHI_XFF_DEPTH). Default 1. */
	xffDepth?: number;
}

/** The client's IP for `req`; the peer's address when the forwarded one is missing or not an IP. */
export function clientAddress(req: IncomingMessage, options: AddressOptions): string {
	const peer = req.socket.remoteAddress ?? '';
	if (!options.trustProxy) return peer;
	return forwardedAddress(req.headers['x-forwarded-for'], options.xffDepth ?? 1) ?? peer;
}

/**
 * The entry `depth` places from the right of X-Forwarded-For. A list shorter than `depth` (a request that
 * skipped the outer proxy) gives its left-most entry, the farthest any proxy saw. An entry that is not an IP
 * (`unknown`, a name, junk) gives null: the caller answers with the peer, never with a string a client chose.
 */
export function forwardedAddress(header: string | string[] | undefined, depth: number): string | null {
	if (!header) return null;
	const list = (Array.isArray(header) ? header.join(',') : header)
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean);
	if (list.length === 0) return null;
	return plainIp(list[Math.max(0, list.length - depth)]);
}

/** `203.0.113.9`, `203.0.113.9:4711`, `2001:db8::1`, `[2001:db8::1]:4711` → the IP; anything else → null. */
function plainIp(entry: string): string | null {
	if (isIP(entry)) return entry;
	const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(entry);
	if (bracketed) return isIP(bracketed[1]) === 6 ? bracketed[1] : null;
	const withPort = /^([\d.]+):\d{1,5}$/.exec(entry);
	return withPort && isIP(withPort[1]) === 4 ? withPort[1] : null;
}
