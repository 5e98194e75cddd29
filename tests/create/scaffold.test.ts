// The whole new-user path, as CI runs it: mochi-framework and create-mochi packed into tarballs; the packed
// create-mochi's bin scaffolds each template; npm installs it from the registry (the framework from its
// tarball); then the app's own `npm run build`, `npm test` and `npm run check`, and `node build` answering
// over HTTP. Every step is timed and logged, so CI shows where the minutes go.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO, startBuilt, tokenOf, type RunningApp } from '../helpers/app.js';

const run = promisify(execFile);
const INSTALL_TIMEOUT = 240_000;

interface Variant {
	template: 'minimal' | 'demo';
	language: 'ts' | 'js';
	/** Text of the page at `/`. */
	page: string;
	/** A form action that sets a cookie from a form, and the server island that then shows it. */
	signIn: { path: string; field: string };
	island: { name: string; greeting: string };
	/** A client island on `/`, whose own chunk must be served. */
	hydrated?: string;
}

const VARIANTS: Variant[] = [
	{ template: 'minimal', language: 'ts', page: 'Welcome to Mochi', signIn: { path: '/name', field: 'name' }, island: { name: 'Greeting', greeting: 'Hello, Ada!' }, hydrated: 'Counter' },
	{ template: 'minimal', language: 'js', page: 'Welcome to Mochi', signIn: { path: '/name', field: 'name' }, island: { name: 'Greeting', greeting: 'Hello, Ada!' }, hydrated: 'Counter' },
	{ template: 'demo', language: 'ts', page: 'Daifuku mochi set', signIn: { path: '/sign-in', field: 'name' }, island: { name: 'Avatar', greeting: 'Hi, Ada' } },
	// The demo's JavaScript variant too: its hook, actions and guarded page are stripped of types like the rest.
	{ template: 'demo', language: 'js', page: 'Daifuku mochi set', signIn: { path: '/sign-in', field: 'name' }, island: { name: 'Avatar', greeting: 'Hi, Ada' } }
];

let dir: string;
let frameworkTarball: string;
let createBin: string;
let npmCache: string;
const timings = new Map<string, Record<string, number>>();

/** Runs `fn`, logs how long it took, and records it under `label`. */
async function timed<T>(label: string, step: string, fn: () => Promise<T>): Promise<T> {
	const started = Date.now();
	try {
		return await fn();
	} finally {
		const seconds = (Date.now() - started) / 1000;
		timings.set(label, { ...timings.get(label), [step]: seconds });
		console.log(`[create] ${label}: ${step} took ${seconds.toFixed(1)} s`);
	}
}

/**
 * The environment of a user's terminal: without what vitest (NODE_ENV=test, VITEST…) and the package manager
 * running this suite (npm_config_*, npm_package_*) put there, so the app's scripts run as they would for a user.
 */
function terminalEnv(): NodeJS.ProcessEnv {
	// What CI may set on purpose (a registry mirror, a cache, a proxy) stays.
	const kept = /^npm_config_(registry|cache|proxy|https_proxy|noproxy|cafile|strict_ssl)$/i;
	return Object.fromEntries(Object.entries(process.env).filter(([key]) => kept.test(key) || !/^(npm_|vitest|node_env$|test$)/i.test(key)));
}

/** …with the one npm cache every install of this suite shares. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	return { ...terminalEnv(), npm_config_cache: npmCache, ...extra };
}

/** `npm run <script>` in an app; a failure throws with the script's output. */
async function npmRun(root: string, args: string[], timeout: number): Promise<string> {
	try {
		const { stdout, stderr } = await run('npm', args, { cwd: root, env: userEnv(), timeout, maxBuffer: 32 * 1024 * 1024 });
		return stdout + stderr;
	} catch (error) {
		const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
		throw new Error(`npm ${args.join(' ')} failed in ${root}:\n${stdout}\n${stderr}`, { cause: error });
	}
}

async function pack(packageDir: string, destination: string): Promise<string> {
	fs.mkdirSync(destination, { recursive: true });
	await run('npx', ['-y', 'pnpm@10', 'pack', '--pack-destination', destination], { cwd: packageDir, timeout: 180_000 });
	return path.join(destination, fs.readdirSync(destination).find((file) => file.endsWith('.tgz'))!);
}

beforeAll(async () => {
	if (!fs.existsSync(path.join(REPO, 'packages/mochi/dist/cli/index.js'))) {
		throw new Error('packages/mochi is not built: run `npx -y pnpm@10 build` first');
	}
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mochi-create-'));
	npmCache = (await run('npm', ['config', 'get', 'cache'], { env: terminalEnv(), timeout: 30_000 })).stdout.trim();
	const [framework, create] = await timed('packages', 'pack', () =>
		Promise.all([pack(path.join(REPO, 'packages/mochi'), path.join(dir, 'framework')), pack(path.join(REPO, 'create-mochi'), path.join(dir, 'create'))])
	);
	frameworkTarball = framework;
	// The packed create-mochi has no dependencies: extracted, its bin runs as `npm create mochi` would run it.
	await run('tar', ['-xzf', create, '-C', path.dirname(create)], { timeout: 60_000 });
	createBin = path.join(path.dirname(create), 'package/bin/create-mochi.js');
}, 400_000);

afterAll(() => {
	for (const [label, steps] of timings) {
		console.log(`[create] ${label}: ${Object.entries(steps).map(([step, s]) => `${step} ${s.toFixed(1)} s`).join(', ')}`);
	}
	if (dir) fs.rmSync(dir, { recursive: true, force: true });
	// Four apps' node_modules: seconds alone, past vitest's 10 s hook default on a busy machine.
}, 120_000);

const cases = VARIANTS.map((variant) => [`--template ${variant.template} --${variant.language}`, variant] as const);

describe.each(cases)('create-mochi %s', (_, variant) => {
	const label = `${variant.template}-${variant.language}`;
	let root: string;
	let app: RunningApp | undefined;

	beforeAll(async () => {
		root = path.join(dir, `my-${label}`);
		const { stdout } = await timed(label, 'scaffold', () =>
			run(process.execPath, [createBin, path.basename(root), '--template', variant.template, `--${variant.language}`, '--yes', '--framework', `file:${frameworkTarball}`], {
				cwd: dir,
				env: userEnv({ npm_config_user_agent: 'npm/10.9.0 node/v20.19.0 linux x64 workspaces/false' }),
				timeout: 30_000
			})
		);
		expect(stdout).toContain(`cd ${path.basename(root)}\n  npm install\n  npm run dev`);
		await timed(label, 'install', () => npmRun(root, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], INSTALL_TIMEOUT));
	}, INSTALL_TIMEOUT + 60_000);

	afterAll(async () => {
		await app?.stop();
	}, 20_000);

	it('installs mochi-framework from the tarball, not the workspace', () => {
		const installed = path.join(root, 'node_modules/mochi-framework');
		expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
		expect(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).dependencies['mochi-framework']).toBe(`file:${frameworkTarball}`);
	});

	it('builds with npm run build', async () => {
		await timed(label, 'build', () => npmRun(root, ['run', 'build'], 180_000));
		expect(fs.existsSync(path.join(root, 'build/index.js'))).toBe(true);
	}, 200_000);

	it('passes its own tests with npm test', async () => {
		const output = await timed(label, 'test', () => npmRun(root, ['test'], 180_000));
		expect(output).toMatch(/Tests\s+.*\d+ passed/);
	}, 200_000);

	it('passes npm run check', async (ctx) => {
		// `mochi check` is built in parallel with this suite: skip, loudly, against a framework without it.
		const { stdout } = await run(process.execPath, [path.join(root, 'node_modules/mochi-framework/bin/mochi.js'), '--help'], { cwd: root });
		if (!/^\s+check\s/m.test(stdout)) {
			console.log(`[create] ${label}: skipping npm run check: the packed mochi-framework has no \`mochi check\` command`);
			return ctx.skip();
		}
		// Code reading the environment the README's way must type-check too (@types/node, vite/client).
		const ext = variant.language;
		fs.writeFileSync(
			path.join(root, `src/lib/env-use.${ext}`),
			ext === 'ts'
				? 'export const url: string | undefined = process.env.DATABASE_URL;\nexport const greeting: string | undefined = import.meta.env.VITE_GREETING;\n'
				: 'export const url = process.env.DATABASE_URL;\nexport const greeting = import.meta.env.VITE_GREETING;\n'
		);
		const output = await timed(label, 'check', () => npmRun(root, ['run', 'check'], 180_000));
		expect(output).toMatch(/0 errors/);
	}, 200_000);

	it('serves the page, a form action and a server island from node build', async () => {
		app = await timed(label, 'start', () => startBuilt(root));
		const page = await fetch(`${app.url}/`, { signal: AbortSignal.timeout(10_000) });
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain(variant.page);
		if (variant.hydrated) {
			const tag = html.match(new RegExp(`<mochi-island[^>]*name="${variant.hydrated}"[^>]*>`))?.[0] ?? '';
			const chunk = tag.match(/component="([^"]+)"/)?.[1];
			expect(chunk, `a client island <${variant.hydrated}> with its chunk in:\n${html}`).toBeTruthy();
			const script = await fetch(`${app.url}${chunk}`, { signal: AbortSignal.timeout(10_000) });
			expect(script.status).toBe(200);
			expect(script.headers.get('content-type')).toMatch(/javascript/);
		}

		// A mistake comes back from the action's fail() as the page itself, with its status and no cookie…
		const refused = await fetch(`${app.url}${variant.signIn.path}`, {
			method: 'POST',
			body: new URLSearchParams({ [variant.signIn.field]: '   ' }),
			headers: { origin: app.url, referer: `${app.url}/` },
			redirect: 'manual',
			signal: AbortSignal.timeout(10_000)
		});
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('Please tell us your name.');
		expect(refused.headers.getSetCookie()).toEqual([]);

		// …and a name sets the visitor's cookie, as the form in the island would…
		const signIn = await fetch(`${app.url}${variant.signIn.path}`, {
			method: 'POST',
			body: new URLSearchParams({ [variant.signIn.field]: 'Ada' }),
			headers: { origin: app.url, referer: `${app.url}/` },
			redirect: 'manual',
			signal: AbortSignal.timeout(10_000)
		});
		expect(signIn.status).toBe(303);
		const cookie = signIn.headers.getSetCookie().map((header) => header.split(';')[0]).join('; ');
		expect(cookie).toContain('=Ada');

		// …and the island, fetched with that cookie as the browser does, greets them.
		const island = await fetch(`${app.url}/_mochi/island/${variant.island.name}?p=${tokenOf(html, variant.island.name)}`, {
			headers: { cookie, referer: `${app.url}/` },
			signal: AbortSignal.timeout(10_000)
		});
		expect(island.status).toBe(200);
		expect(await island.text()).toContain(variant.island.greeting);
	});
});
