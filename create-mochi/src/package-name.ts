// The app's package.json takes its name from the folder, so the folder name must be a valid npm package
// name (the rules validate-npm-package-name applies to new packages). We refuse rather than silently
// rename: the folder is the user's choice, and the error suggests a name that would work.
import { builtinModules } from 'node:module';

export type NameCheck = { valid: true } | { valid: false; problem: string; suggestion: string };

const MAX_LENGTH = 214;
const RESERVED = new Set(['node_modules', 'favicon.ico']);

export function checkPackageName(name: string): NameCheck {
	const problem = findProblem(name);
	return problem === undefined ? { valid: true } : { valid: false, problem, suggestion: suggestPackageName(name) };
}

/** Which npm rule `name` breaks, as the end of "… can't be a package name: <problem>", or undefined. */
function findProblem(name: string): string | undefined {
	if (name.length === 0) return 'it is empty';
	if (name.length > MAX_LENGTH) return `it is longer than ${MAX_LENGTH} characters`;
	if (name.trim() !== name) return 'it starts or ends with a space';
	if (name.startsWith('.')) return 'it starts with "."';
	if (name.startsWith('_')) return 'it starts with "_"';
	if (name !== name.toLowerCase()) return 'it contains capital letters';
	if (/\s/.test(name)) return 'it contains spaces';
	const special = /[~'!()*]/.exec(name);
	if (special) return `it contains "${special[0]}" (npm forbids ~'!()* in new names)`;
	// Folder names are never scoped (@scope/name has a slash), so the whole name must be URL-safe.
	const unsafe = [...name].find((char) => encodeURIComponent(char) !== char);
	if (unsafe !== undefined) return `it contains "${unsafe}", which is not URL-safe`;
	if (RESERVED.has(name)) return 'it is a reserved name';
	if (isBuiltin(name)) return 'it is the name of a Node.js core module';
	return undefined;
}

/** A valid name close to `name`: lowercase ASCII, dashes for everything else. */
export function suggestPackageName(name: string): string {
	const suggestion = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '') // café → cafe
		.toLowerCase()
		.replace(/[^a-z0-9._-]+/g, '-')
		.replace(/^[._-]+/, '')
		.replace(/-+/g, '-')
		.slice(0, MAX_LENGTH)
		.replace(/[._-]+$/, '');
	if (!suggestion) return 'mochi-app';
	if (RESERVED.has(suggestion) || isBuiltin(suggestion)) return `${suggestion.replace(/\W/g, '-')}-app`;
	return suggestion;
}

function isBuiltin(name: string): boolean {
	return builtinModules.includes(name) || builtinModules.includes(`node:${name}`);
}
