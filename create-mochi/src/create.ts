// Options in → files written. Pure logic: no prompts, no console, no process.exit; every problem the
// user can fix is a CreateError with a message meant for them.
import fs from 'node:fs';
import path from 'node:path';
import { checkPackageName } from './package-name.js';
import { TEMPLATES_DIR, templateDir, type Language, type TemplateName } from './templates.js';

export interface CreateOptions {
	/** Where to write the app: absolute, or relative to the current directory. Its name is the package name. */
	directory: string;
	template: TemplateName;
	language: Language;
	/** Write into a non-empty directory: the template's files replace files of the same name, others stay. */
	force?: boolean;
	/** The mochi-framework dependency instead of the current version range, e.g. `file:/tmp/mochi-framework-0.1.0.tgz`. */
	framework?: string;
	/** The templates folder; this package's own unless a test says otherwise. */
	templatesDir?: string;
}

export interface CreateResult {
	/** Absolute path of the app. */
	directory: string;
	/** The package name, from the folder name. */
	name: string;
	/** The files written, relative to `directory`, with `/` separators, sorted. */
	files: string[];
}

export class CreateError extends Error {}

// npm leaves `.gitignore` out of published packages, so templates carry it without the dot.
const RENAMED: Record<string, string> = { gitignore: '.gitignore' };

export function createApp(options: CreateOptions): CreateResult {
	const directory = path.resolve(options.directory);
	const problem = checkTarget(directory, options.force ?? false);
	if (problem) throw new CreateError(problem);
	const name = path.basename(directory);

	const templatesDir = options.templatesDir ?? TEMPLATES_DIR;
	const source = templateDir(templatesDir, options.template, options.language);
	if (!fs.existsSync(path.join(source, 'package.json'))) {
		// Only a checkout that was never built gets here: the package ships every template.
		throw new CreateError(`the ${options.template} template (${options.language}) is missing at ${source}; run the create-mochi build first`);
	}
	const versions = readVersions(templatesDir);

	const files: string[] = [];
	for (const file of listFiles(source)) {
		const target = RENAMED[file] ?? file;
		let content = fs.readFileSync(path.join(source, file));
		if (target === 'package.json') content = Buffer.from(packageJson(content.toString(), name, versions, options.framework));
		if (target === 'README.md') content = Buffer.from(content.toString().replace(/^# .*/, `# ${name}`));
		fs.mkdirSync(path.dirname(path.join(directory, target)), { recursive: true });
		fs.writeFileSync(path.join(directory, target), content);
		files.push(target);
	}
	return { directory, name, files: files.sort() };
}

/**
 * Why the app can't go in `directory` (absolute), or undefined. Its name must be a valid package name, and
 * it must be empty: anything but `.git` (a fresh `git init` is fine) needs `force`. The prompts use this too.
 */
export function checkTarget(directory: string, force: boolean): string | undefined {
	const name = path.basename(directory);
	const check = checkPackageName(name);
	if (!check.valid) {
		return `"${name}" can't be the package name: ${check.problem}. Try "${check.suggestion}" as the directory name instead.`;
	}
	let stat: fs.Stats;
	try {
		stat = fs.statSync(directory);
	} catch {
		return undefined; // doesn't exist yet: created on the first write
	}
	if (!stat.isDirectory()) return `${directory} exists and is not a directory`;
	const entries = fs.readdirSync(directory).filter((entry) => entry !== '.git');
	if (entries.length > 0 && !force) {
		return `${directory} is not empty; choose another directory, or pass --force to write into it anyway`;
	}
	return undefined;
}

/** The app's package.json: its own name, and the dependency versions this create-mochi was built with. */
function packageJson(text: string, name: string, versions: Versions, framework: string | undefined): string {
	const pkg = JSON.parse(text);
	pkg.name = name;
	pkg.dependencies = { ...pkg.dependencies, ...versions.dependencies };
	pkg.devDependencies = { ...pkg.devDependencies, ...versions.devDependencies };
	if (framework) pkg.dependencies['mochi-framework'] = framework;
	return JSON.stringify(pkg, null, '\t') + '\n';
}

interface Versions {
	dependencies: Record<string, string>;
	devDependencies?: Record<string, string>;
}

/** `templates/versions.json`, written at build from packages/mochi: the framework's version, its svelte and vite, its @types/node. */
function readVersions(templatesDir: string): Versions {
	try {
		return JSON.parse(fs.readFileSync(path.join(templatesDir, 'versions.json'), 'utf8'));
	} catch {
		throw new CreateError(`${path.join(templatesDir, 'versions.json')} is missing; run the create-mochi build first`);
	}
}

// What a template folder may hold after someone tried it in place; never part of a new app.
const SKIPPED = new Set(['node_modules', 'build', '.mochi']);

function listFiles(root: string, dir = ''): string[] {
	return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
		if (entry.isDirectory() && (entry.name === 'node_modules' || (!dir && SKIPPED.has(entry.name)))) return [];
		const file = dir ? `${dir}/${entry.name}` : entry.name;
		return entry.isDirectory() ? listFiles(root, file) : [file];
	});
}
