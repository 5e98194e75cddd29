import { describe, expect, it } from 'vitest';
import { checkPackageName, suggestPackageName } from './package-name.js';

describe('checkPackageName', () => {
	it.each(['my-app', 'app', 'mochi.site', 'a_b', 'x1', '0-app', 'a'.repeat(214)])('accepts %s', (name) => {
		expect(checkPackageName(name)).toEqual({ valid: true });
	});

	it.each([
		['', 'it is empty', 'mochi-app'],
		['My-App', 'it contains capital letters', 'my-app'],
		['my app', 'it contains spaces', 'my-app'],
		['.hidden', 'it starts with "."', 'hidden'],
		['_private', 'it starts with "_"', 'private'],
		[' app', 'it starts or ends with a space', 'app'],
		['a'.repeat(215), 'it is longer than 214 characters', 'a'.repeat(214)],
		["it's", `it contains "'" (npm forbids ~'!()* in new names)`, 'it-s'],
		['wow!', `it contains "!" (npm forbids ~'!()* in new names)`, 'wow'],
		['café', 'it contains "é", which is not URL-safe', 'cafe'],
		['a+b', 'it contains "+", which is not URL-safe', 'a-b'],
		['@scope', 'it contains "@", which is not URL-safe', 'scope'],
		['node_modules', 'it is a reserved name', 'node_modules-app'],
		['favicon.ico', 'it is a reserved name', 'favicon-ico-app'],
		['http', 'it is the name of a Node.js core module', 'http-app'],
		['fs', 'it is the name of a Node.js core module', 'fs-app']
	])('refuses %j: %s, suggests %s', (name, problem, suggestion) => {
		expect(checkPackageName(name)).toEqual({ valid: false, problem, suggestion });
	});

	it('always suggests a valid name', () => {
		for (const name of ['Hello World', '...', '__', '-x-', 'ÄÖÜ', '日本語', 'A'.repeat(300), 'My App (2)', 'crypto', 'Node_Modules']) {
			const suggestion = suggestPackageName(name);
			expect(checkPackageName(suggestion), `${name} → ${suggestion}`).toEqual({ valid: true });
		}
	});
});
