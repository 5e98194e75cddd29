// Build time: the URL and the file of one prerendered page, from its route and params. Each param is
// checked against the route first, so a wrong entry fails the build naming the page and the params
// instead of writing a file no request reaches.
import type { Segment } from '../../runtime/shared/routes.js';
import { canonicalPath } from '../../node/canonical-path.js';

export type Params = Record<string, string>;

/**
 * The pathname of `params` on a route with these segments, spelled as requests spell it (WHATWG's encoding,
 * then the server's canonical form: node/canonical-path.ts), so it is the key the server looks pages up by.
 * Throws a message without the file: the caller says whose entry it was.
 */
export function pagePath(segments: readonly Segment[], params: unknown): string {
	checkParams(segments, params);
	const parts: string[] = [];
	for (const segment of segments) {
		if (segment.type === 'static') parts.push(escapeSegment(segment.value));
		else if (segment.type === 'param') parts.push(escapeSegment(checkPiece(params[segment.name], segment.name)));
		else if (params[segment.name] !== '') parts.push(...params[segment.name].split('/').map((piece) => escapeSegment(checkPiece(piece, segment.name))));
	}
	return canonicalPath(new URL('/' + parts.join('/'), 'http://localhost').pathname);
}

function checkParams(segments: readonly Segment[], params: unknown): asserts params is Params {
	if (typeof params !== 'object' || params === null || Array.isArray(params)) {
		throw new Error(`an entry must be an object of params like { ${segments.filter((s) => s.type !== 'static').map((s) => `${(s as { name: string }).name}: '…'`).join(', ')} }, not ${describe(params)}`);
	}
	const names = segments.flatMap((s) => (s.type === 'static' ? [] : [s.name]));
	const missing = names.filter((name) => !Object.hasOwn(params, name));
	if (missing.length) throw new Error(`${missing.map((n) => `"${n}"`).join(', ')} missing (the route's params: ${names.join(', ')})`);
	const extra = Object.keys(params).filter((key) => !names.includes(key));
	if (extra.length) throw new Error(`${extra.map((n) => `"${n}"`).join(', ')} ${extra.length === 1 ? 'is not a param' : 'are not params'} of the route (its params: ${names.join(', ')})`);
	for (const segment of segments) {
		if (segment.type === 'static') continue;
		const value = (params as Record<string, unknown>)[segment.name];
		if (typeof value !== 'string') throw new Error(`"${segment.name}" is ${describe(value)}; params are strings`);
		if (segment.type === 'param' && value.includes('/')) {
			throw new Error(`"${segment.name}" holds a "/", which only a rest param ([...${segment.name}]) can`);
		}
		if (segment.type === 'param' && value === '') throw new Error(`"${segment.name}" is empty; only a rest param may be`);
	}
}

/** One `/`-separated piece of a param: it becomes a URL segment and a file or folder name. */
function checkPiece(piece: string, name: string): string {
	if (piece === '') throw new Error(`"${name}" has an empty segment (a leading, trailing or doubled "/")`);
	if (piece === '.' || piece === '..') throw new Error(`"${name}" has a "${piece}" segment, which a URL resolves away`);
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(piece)) throw new Error(`"${name}" holds a control character, which cannot be a file name`);
	return piece;
}

// Only what would change the URL's meaning is escaped here; WHATWG's parser escapes the rest (spaces,
// non-ASCII) exactly as a browser does for `href="/blog/{slug}"`, so the keys match what browsers send.
function escapeSegment(piece: string): string {
	return piece.replace(/[%/?#\\]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** The file under build/prerendered/ for a page: its path decoded, `/` → index.html, `/a/b` → a/b.html. */
export function pageFile(pathname: string): string {
	if (pathname === '/') return 'index.html';
	return pathname.slice(1).split('/').map(decodeURIComponent).join('/') + '.html';
}

/** `{ slug: 'a' }` as messages show params: JSON, so a "/" or a space inside a value is visible. */
export function showParams(params: unknown): string {
	if (typeof params !== 'object' || params === null) return describe(params);
	const shown = Object.entries(params).map(([key, value]) => `${key}: ${typeof value === 'string' ? JSON.stringify(value) : describe(value)}`);
	return shown.length ? `{ ${shown.join(', ')} }` : '{}';
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'string') return JSON.stringify(value);
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `the ${typeof value} ${String(value)}`;
	return typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
}
