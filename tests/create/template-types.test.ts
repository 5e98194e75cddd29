// Every template create-mochi ships (minimal and demo, TypeScript and JavaScript) passes `mochi check` with
// code that reads environment variables the documented way: process.env on the server, import.meta.env
// (VITE_ values, MODE, DEV) anywhere. That needs @types/node and vite/client in the app's tsconfig/jsconfig.
// The apps are copied here with the workspace's packages linked in, rather than installed from npm
// (create/scaffold.test.ts does that, and takes minutes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO } from '../helpers/app.js';

const exec = promisify(execFile);
const CLI = path.join(REPO, 'packages/mochi/bin/mochi.js');
const TEMPLATES = path.join(REPO, 'create-mochi/templates');
// Where the workspace has installed what the templates depend on.
const PACKAGES = ['tests/apps/component-tests/node_modules', 'tests/apps/typecheck-ok/node_modules', 'tests/node_modules'].map((dir) => path.join(REPO, dir));

const SERVER_TS = `// Server code: the environment, typed by @types/node; what the browser may see, typed by vite/client.
export const databaseUrl: string | undefined = process.env.DATABASE_URL;
export const port: number = Number(process.env.PORT ?? 3000);
export const greeting: string | undefined = import.meta.env.VITE_GREETING;
export const mode: string = import.meta.env.MODE;
export const dev: boolean = import.meta.env.DEV;
`;
const COMPONENT_TS = `<script lang="ts">
	const greeting: string = import.meta.env.VITE_GREETING ?? 'hello';
	const server: string = import.meta.env.SSR ? (process.env.APP_NAME ?? 'app') : 'browser';
</script>

<p>{greeting} from {server}</p>
`;

/** node_modules for a copied app: a link to each package the workspace has installed for the fixtures. */
function linkPackages(target: string): void {
	fs.mkdirSync(target, { recursive: true });
	for (const dir of PACKAGES) {
		for (const entry of fs.readdirSync(dir)) {
			if (entry.startsWith('.')) continue;
			const names = entry.startsWith('@') ? fs.readdirSync(path.join(dir, entry)).map((name) => `${entry}/${name}`) : [entry];
			for (const name of names) {
				const link = path.join(target, name);
				if (fs.existsSync(link)) continue;
				fs.mkdirSync(path.dirname(link), { recursive: true });
				fs.symlinkSync(fs.realpathSync(path.join(dir, name)), link, 'junction');
			}
		}
	}
}

async function check(root: string): Promise<{ code: number; output: string }> {
	try {
		const { stdout, stderr } = await exec(process.execPath, [CLI, 'check'], { cwd: root, timeout: 150_000 });
		return { code: 0, output: stdout + stderr };
	} catch (error) {
		const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
		return { code, output: `${stdout}${stderr}` };
	}
}

const copies: string[] = [];

/** A copy of template `name` with the env code added (`.ts` or `.js` after the template's language). */
function copyTemplate(name: string): string {
	const root = fs.mkdtempSync(path.join(REPO, `tests/apps/.types-${name}-`));
	copies.push(root);
	fs.cpSync(path.join(TEMPLATES, name), root, { recursive: true, filter: (src) => !src.includes(`${path.sep}node_modules`) });
	linkPackages(path.join(root, 'node_modules'));
	const js = name.endsWith('-js');
	fs.writeFileSync(path.join(root, `src/lib/env-use.${js ? 'js' : 'ts'}`), js ? SERVER_TS.replace(/: (string|number|boolean)( \| undefined)?/g, '') : SERVER_TS);
	fs.writeFileSync(path.join(root, 'src/lib/EnvUse.svelte'), js ? COMPONENT_TS.replace(' lang="ts"', '').replace(/: string/g, '') : COMPONENT_TS);
	return root;
}

beforeAll(async () => {
	// The demo and the JavaScript variants are generated, as create-mochi's build does.
	await exec(process.execPath, [path.join(REPO, 'create-mochi/scripts/sync-templates.js')], { timeout: 60_000 });
}, 90_000);

afterAll(() => {
	for (const root of copies) fs.rmSync(root, { recursive: true, force: true });
});

describe('mochi check on each template, with code that reads the environment', () => {
	it.each(['minimal', 'minimal-js', 'demo', 'demo-js'])('passes the %s template', async (name) => {
		const { code, output } = await check(copyTemplate(name));
		expect(output).toMatch(/mochi check found 0 errors/);
		expect(code, output).toBe(0);
	}, 180_000);

	it("fails without the tsconfig's types, at the line reading import.meta.env (the control)", async () => {
		const root = copyTemplate('minimal');
		const tsconfig = path.join(root, 'tsconfig.json');
		fs.writeFileSync(tsconfig, fs.readFileSync(tsconfig, 'utf8').replace(/\s*"types": \[[^\]]*\],/, ''));
		const { code, output } = await check(root);
		expect(code).toBe(1);
		// (process stays typed here: TypeScript also finds the workspace's @types/node above the copy.)
		expect(output).toMatch(/src\/lib\/env-use\.ts:4:\d+\s+Error: Property 'env' does not exist on type 'ImportMeta'/);
	}, 180_000);
});
