// Writes the templates that aren't kept in git (run by `build` and `prepack`):
//   templates/versions.json  mochi-framework's version, the svelte and vite it is built with, and its @types/node
//   templates/demo/          sites/demo's sources, minimal's app files (tsconfig, .gitignore, package.json), overlays/demo
//   templates/<name>-js/     the JavaScript variant of each TypeScript template
// The demo is copied, not kept twice in git, so it can't drift from the real one.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'svelte/compiler';
import { stripTypes, svelteToJavaScript } from './to-javascript.js';

const PACKAGE = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const REPO = path.dirname(PACKAGE);
const TEMPLATES = path.join(PACKAGE, 'templates');
const DEMO = path.join(REPO, 'sites/demo');
// Left behind when someone tries a template in place; never part of a new app.
const SKIPPED = new Set(['node_modules', 'build', '.mochi']);

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const writeJson = (file, value) => fs.writeFileSync(file, toJson(value));

/** Tab-indented JSON, with short arrays on one line as people write them in tsconfig files. */
function toJson(value) {
	const text = JSON.stringify(value, null, '\t');
	return text.replace(/\[\n\s*([^[\]{}]*?)\n\s*\]/g, (_, items) => `[${items.split(/,\n\s*/).join(', ')}]`) + '\n';
}

function writeVersions() {
	const framework = readJson(path.join(REPO, 'packages/mochi/package.json'));
	const dependencies = {
		'mochi-framework': `^${framework.version}`,
		svelte: framework.devDependencies.svelte,
		vite: framework.devDependencies.vite
	};
	// process.env's types, for the Node versions the framework supports (its `engines`).
	const devDependencies = { '@types/node': framework.devDependencies['@types/node'] };
	writeJson(path.join(TEMPLATES, 'versions.json'), { dependencies, devDependencies });
}

function syncDemo() {
	const target = path.join(TEMPLATES, 'demo');
	fs.rmSync(target, { recursive: true, force: true });
	for (const entry of ['src', 'static', 'vite.config.ts']) copy(path.join(DEMO, entry), path.join(target, entry));
	// The demo's own tsconfig extends the monorepo's; a new app gets the standalone one.
	for (const entry of ['tsconfig.json', 'gitignore']) copy(path.join(TEMPLATES, 'minimal', entry), path.join(target, entry));
	copy(path.join(PACKAGE, 'overlays/demo'), target);

	const minimal = readJson(path.join(TEMPLATES, 'minimal/package.json'));
	const demo = readJson(path.join(DEMO, 'package.json'));
	const published = (deps = {}) => Object.fromEntries(Object.entries(deps).filter(([, spec]) => !spec.startsWith('workspace:')));
	writeJson(path.join(target, 'package.json'), {
		...minimal,
		name: 'mochi-demo',
		scripts: { ...minimal.scripts, ...demo.scripts },
		dependencies: { ...minimal.dependencies, ...published(demo.dependencies) },
		devDependencies: { ...minimal.devDependencies, ...published(demo.devDependencies) }
	});
}

/** templates/<name>-js from templates/<name>. */
function writeJavaScript(name) {
	const source = path.join(TEMPLATES, name);
	const target = path.join(TEMPLATES, `${name}-js`);
	fs.rmSync(target, { recursive: true, force: true });
	for (const file of listFiles(source)) {
		const from = path.join(source, file);
		const text = () => fs.readFileSync(from, 'utf8');
		const write = (relative, content) => {
			fs.mkdirSync(path.dirname(path.join(target, relative)), { recursive: true });
			fs.writeFileSync(path.join(target, relative), content);
		};
		if (file === 'tsconfig.json') write('jsconfig.json', jsconfig(text()));
		else if (file.endsWith('.d.ts')) continue;
		else if (file.endsWith('.ts')) write(file.replace(/\.ts$/, '.js'), stripTypes(text(), file));
		else if (file.endsWith('.svelte')) write(file, checkedSvelte(svelteToJavaScript(text(), file), `${name}-js/${file}`));
		else if (file === 'README.md') write(file, text().replace(/\.ts\b/g, '.js'));
		else write(file, fs.readFileSync(from));
	}
}

/** The JS variant's jsconfig: the same resolution and `$lib`, files under src, and no type-checking of JavaScript. */
function jsconfig(tsconfigText) {
	const tsconfig = JSON.parse(tsconfigText);
	const { verbatimModuleSyntax, isolatedModules, ...compilerOptions } = tsconfig.compilerOptions;
	return toJson({
		compilerOptions: { ...compilerOptions, allowJs: true, checkJs: false },
		include: tsconfig.include.map((entry) => entry.replace(/\.ts$/, '.js'))
	});
}

/** Fails the build if stripping left TypeScript behind (in the markup, say), rather than shipping a broken template. */
function checkedSvelte(code, file) {
	if (/<script[^>]*\slang=["']ts["']/.test(code)) throw new Error(`${file}: a <script lang="ts"> is left`);
	try {
		// Parsing is enough: without lang="ts", TypeScript in a script or in the markup is a syntax error.
		parse(code, { filename: file, modern: true });
	} catch (error) {
		throw new Error(`${file} is not valid Svelte once its types are stripped: ${error.message}`);
	}
	return code;
}

function copy(from, to) {
	fs.cpSync(from, to, { recursive: true, filter: (file) => path.basename(file) !== 'node_modules' });
}

function listFiles(root, dir = '') {
	return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
		if (entry.name === 'node_modules' || (!dir && SKIPPED.has(entry.name))) return [];
		const file = dir ? `${dir}/${entry.name}` : entry.name;
		return entry.isDirectory() ? listFiles(root, file) : [file];
	});
}

writeVersions();
syncDemo();
for (const name of ['minimal', 'demo']) writeJavaScript(name);
console.log('create-mochi: templates synced (minimal, demo; TypeScript and JavaScript)');
