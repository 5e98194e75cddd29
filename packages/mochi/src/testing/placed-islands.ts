import * as devalue from 'devalue';
import { ISLAND_TAG, TOKEN_ATTRIBUTE, type IslandLoad, type IslandMode } from '../runtime/shared/constants.js';
import type { SignedIsland } from '../runtime/server/islands/island-attributes.js';
import { unverifiedPayload } from '../runtime/server/islands/token.js';

/** A server island (`mochi:defer`) as a rendered page placed it. */
export interface PlacedIsland {
	name: string;
	/** Decoded from the island's token: what the island will render with. */
	props: Record<string, unknown>;
	/** Inner HTML of the shell: what the visitor sees until the island arrives. */
	fallback: string;
	mode: IslandMode;
	load: IslandLoad;
}

/** Every `<mochi-island>` tag, opening or closing, with its attributes (only Mochi writes these). */
const TAG = new RegExp(`<(/?)${ISLAND_TAG}((?:\\s+[^\\s=/>]+(?:\\s*=\\s*(?:"[^"]*"|'[^']*'|[^\\s"'=<>\`]+))?)*)\\s*>`, 'g');
const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Every `<mochi-island>` in `html`, outermost first, with its inner HTML (shells may nest). */
export function islandElements(html: string): Array<{ attributes: Record<string, string>; inner: string }> {
	const found: Array<{ start: number; attributes: Record<string, string>; inner: string }> = [];
	const open: Array<{ start: number; innerStart: number; attributes: Record<string, string> }> = [];
	for (const match of html.matchAll(TAG)) {
		if (!match[1]) {
			open.push({ start: match.index, innerStart: match.index + match[0].length, attributes: parseAttributes(match[2]) });
			continue;
		}
		const element = open.pop();
		if (element) found.push({ ...element, inner: html.slice(element.innerStart, match.index) });
	}
	return found.sort((a, b) => a.start - b.start).map(({ attributes, inner }) => ({ attributes, inner }));
}

/**
 * The server islands in a rendered body. Props come from the token's payload (no need to verify
 * the MAC here); the mode, which the token does not spell out, from what the render signed.
 */
export function placedIslands(html: string, signed: SignedIsland[] = []): PlacedIsland[] {
	const islands: PlacedIsland[] = [];
	for (const { attributes, inner } of islandElements(html)) {
		const token = attributes[TOKEN_ATTRIBUTE];
		if (token === undefined) continue; // a client island (`mochi:hydrate` alone): no token
		islands.push({
			name: attributes.name ?? '',
			props: decodeProps(token),
			fallback: inner,
			mode: signed.find((island) => island.token === token)?.mode ?? 'plain',
			load: attributes.load === 'visible' ? 'visible' : 'eager'
		});
	}
	return islands;
}

/** Names of the client islands (`mochi:hydrate` alone) in a rendered body, for messages. */
export function clientIslandNames(html: string): string[] {
	return islandElements(html)
		.filter(({ attributes }) => attributes[TOKEN_ATTRIBUTE] === undefined)
		.map(({ attributes }) => attributes.name ?? '');
}

/** The props a token carries, read without its MAC (the token's framing lives in runtime/server/islands/token.ts). */
export function decodeProps(token: string): Record<string, unknown> {
	const payload = unverifiedPayload(token);
	if (payload === undefined) throw new Error(`Not an island token: ${token.slice(0, 40)}…`);
	return devalue.parse(payload) as Record<string, unknown>;
}

/** The visible text of an HTML fragment, whitespace collapsed. */
export function textOf(html: string): string {
	return decodeEntities(html.replace(/<!--[\s\S]*?-->|<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

function parseAttributes(source: string): Record<string, string> {
	const attributes: Record<string, string> = {};
	for (const [, name, double, single, bare] of source.matchAll(ATTRIBUTE)) {
		attributes[name.toLowerCase()] = decodeEntities(double ?? single ?? bare ?? '');
	}
	return attributes;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, code: string) => {
		if (code[0] !== '#') return NAMED[code.toLowerCase()] ?? entity;
		const point = code[1].toLowerCase() === 'x' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
		return point <= 0x10ffff ? String.fromCodePoint(point) : entity;
	});
}
