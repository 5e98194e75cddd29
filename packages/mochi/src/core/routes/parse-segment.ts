import type { Segment } from '../../runtime/shared/routes.js';

// Param names become keys of `params` and props of pages, so they must be plain identifiers.
const NAME = /^[A-Za-z_$][\w$]*$/;

/**
 * Turns one file or folder name (extension already removed) into a route segment.
 * `file` is the app-relative path that errors name, so the user knows what to rename.
 */
export function parseSegment(name: string, file: string): Segment {
	checkUrlCharacters(name, file);
	if (/^\[\[.*\]\]$/.test(name)) {
		throw new Error(`Route ${file}: optional params like "${name}" are not supported; add a second route file instead.`);
	}

	const rest = /^\[\.\.\.([^[\]]*)\]$/.exec(name);
	if (rest) return { type: 'rest', name: checkName(rest[1], name, file) };

	const param = /^\[([^[\]]*)\]$/.exec(name);
	if (param) return { type: 'param', name: checkName(param[1], name, file) };

	if (name.includes('[') || name.includes(']')) {
		throw new Error(
			`Route ${file}: "${name}" mixes a param with other text in one segment, which is not supported. ` +
				'A param must be a whole file or folder name, like [id].svelte.'
		);
	}
	return { type: 'static', value: name };
}

function checkName(paramName: string, segment: string, file: string): string {
	if (!NAME.test(paramName)) {
		const what = paramName === '' ? 'has an empty name' : `has an invalid name "${paramName}"`;
		throw new Error(
			`Route ${file}: param "${segment}" ${what}; use letters, digits, _ or $, not starting with a digit.`
		);
	}
	return paramName;
}

/**
 * Characters a URL path can't hold as written: `#` and `?` end the path, `%` starts an escape (so
 * `/100%` is a malformed request and `100%25` would name the page `100%`), `\` is read as `/`, and
 * control characters are never sent. A page named with one could never be reached.
 */
const NOT_IN_URL = /[#?%\\\u0000-\u001f\u007f]/;

function checkUrlCharacters(name: string, file: string): void {
	const found = NOT_IN_URL.exec(name)?.[0];
	if (found === undefined) return;
	const why =
		found === '#' ? 'starts the fragment of a URL'
		: found === '?' ? 'starts the query of a URL'
		: found === '%' ? 'starts a percent-escape in a URL'
		: found === '\\' ? 'is read as "/" in a URL'
		: 'is a control character, which a URL cannot hold';
	const shown = found.charCodeAt(0) < 0x20 || found === '\u007f' ? `U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : `"${found}"`;
	throw new Error(`Route ${printable(file)}: the name has ${shown}, which ${why}, so no request could reach it; rename it without that character.`);
}

/** The path with its control characters written as escapes, so the message itself prints cleanly. */
function printable(file: string): string {
	return file.replace(/[\u0000-\u001f\u007f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
