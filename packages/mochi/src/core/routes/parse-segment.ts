import type { Segment } from '../../runtime/shared/routes.js';

// Param names become keys of `params` and props of pages, so they must be plain identifiers.
const NAME = /^[A-Za-z_$][\w$]*$/;

/**
 * Turns one file or folder name (extension already removed) into a route segment.
 * `file` is the app-relative path that errors name, so the user knows what to rename.
 */
export function parseSegment(name: string, file: string): Segment {
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
