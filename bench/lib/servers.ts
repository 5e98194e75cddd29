// The servers under test, each a child process whose pid we read /proc for:
// the demo as `node build` runs it in production, and the bare node:http floor (floor-server.js).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO, buildApp, stopChild } from '../../tests/helpers/app.js';

const BENCH = fileURLToPath(new URL('..', import.meta.url));
const FLOOR = fileURLToPath(new URL('./floor-server.js', import.meta.url));

export interface Server {
	url: string;
	pid: number;
	output(): string;
	stop(): Promise<void>;
}

/**
 * Copies sites/demo to bench/.app/demo and builds it there, so the bench never races a test run that
 * rebuilds sites/demo/build (and vice versa). node_modules holds links to the demo's own dependencies.
 */
export interface DemoCopyOptions {
	/** A trivial src/hooks.server.ts (`--hook`). */
	hook?: boolean;
	/**
	 * Keep the demo's streaming of on-demand pages (the bytes and Chromium tables: what a visitor gets). Off by
	 * default: a streamed /cart renders its four islands in the page's own response, so its CPU per request
	 * would count five renders against a floor that does one. bench:streaming measures a streamed page view
	 * (page plus islands) against a fetched one.
	 */
	stream?: boolean;
}

export async function buildDemoCopy(log: (line: string) => void, options: DemoCopyOptions = {}): Promise<string> {
	const source = path.join(REPO, 'sites/demo');
	const root = demoCopyRoot(options);
	fs.rmSync(root, { recursive: true, force: true });
	fs.mkdirSync(root, { recursive: true });
	for (const entry of ['src', 'static', 'vite.config.ts', 'package.json']) {
		if (fs.existsSync(path.join(source, entry))) fs.cpSync(path.join(source, entry), path.join(root, entry), { recursive: true });
	}
	// The demo's tsconfig.json has line comments (JSONC, as tsc reads it): dropped before JSON.parse.
	const tsconfig = JSON.parse(fs.readFileSync(path.join(source, 'tsconfig.json'), 'utf8').replace(/^\s*\/\/.*$/gm, ''));
	tsconfig.extends = path.join(REPO, 'tsconfig.base.json');
	fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify(tsconfig, null, '\t'));
	linkDependencies(path.join(source, 'node_modules'), path.join(root, 'node_modules'));
	// `--hook`: the demo behind the least a hook can be, to measure what running `handle` costs. Neither copy
	// keeps the demo's own hook (its pages read the visitor's cookies themselves without one), so the two
	// runs differ by the trivial hook alone.
	fs.rmSync(path.join(root, 'src/hooks.server.ts'), { force: true });
	if (options.hook) fs.writeFileSync(path.join(root, 'src/hooks.server.ts'), TRIVIAL_HOOK);
	if (!options.stream) withoutStreaming(path.join(root, 'vite.config.ts'));

	const started = Date.now();
	await buildApp(root);
	log(`built a copy of sites/demo in ${((Date.now() - started) / 1000).toFixed(1)} s (${path.relative(REPO, root)})`);
	return root;
}

/** Where the copy lives: a folder per option set, so every build can be kept for `--no-build`. */
export function demoCopyRoot(options: DemoCopyOptions = {}): string {
	return path.join(BENCH, `.app/demo${options.hook ? '-hook' : ''}${options.stream ? '-streamed' : ''}`);
}

/** `mochi()` → `mochi({ islands: { stream: false } })` in the copy's vite.config.ts (throws if the demo's changed shape). */
function withoutStreaming(config: string): void {
	const source = fs.readFileSync(config, 'utf8');
	const edited = source.replace('mochi()', 'mochi({ islands: { stream: false } })');
	if (edited === source) throw new Error(`${config}: no \`mochi()\` call to turn streaming off in`);
	fs.writeFileSync(config, edited);
}

const TRIVIAL_HOOK = `// Written by the bench (--hook): a hook that does nothing but resolve().
import type { Handle } from 'mochi-framework';

export const handle: Handle = (_ctx, resolve) => resolve();
`;

/** A real node_modules folder (so Vite's cache stays ours) whose entries link to the demo's. */
export function linkDependencies(from: string, to: string): void {
	fs.mkdirSync(to, { recursive: true });
	for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
		if (entry.name.startsWith('.')) continue;
		const source = path.join(from, entry.name);
		if (entry.name.startsWith('@')) {
			linkDependencies(source, path.join(to, entry.name));
			continue;
		}
		fs.symlinkSync(fs.realpathSync(source), path.join(to, entry.name));
	}
}

/** One MOCHI_KEY for the whole run (the server would otherwise warn about a random one). */
export const BENCH_KEY = randomBytes(32).toString('base64url');

/** `node build` in production, on 127.0.0.1 and a free port. `nodeArgs` e.g. `--cpu-prof`. */
export function startMochi(root: string, nodeArgs: string[] = []): Promise<Server> {
	return start([...nodeArgs, 'build'], root, { MOCHI_KEY: BENCH_KEY });
}

export interface FloorConfig {
	build: string;
	island: string;
	islandProps: Record<string, unknown>;
	page: string;
	/** The hydrated-island page (d): its route id and params. */
	hydrated: { route: string; params: Record<string, string> };
	/** What floor-bare's constant store holds in `locals.visitor` (the demo's visitor.ts reads it there first). */
	visitor: { name: string; cart: string[] };
	/** floor-bare: render() alone, no AsyncLocalStorage and no cookie parsing (floor-server.js). */
	bare?: boolean;
	/** The shell as Mochi served it, plain and brotli: a file with the body, and the headers. */
	shell: Record<'identity' | 'br', { file: string; headers: Record<string, string> }>;
}

export function startFloor(config: FloorConfig): Promise<Server> {
	return start([FLOOR, JSON.stringify(config)], BENCH, { MOCHI_KEY: BENCH_KEY });
}

function start(args: string[], cwd: string, env: Record<string, string>): Promise<Server> {
	const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', ...env };
	// Whatever the parent runs under (tsx) stays out of the servers we measure.
	delete childEnv.NODE_OPTIONS;
	const child = spawn(process.execPath, args, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => fail(new Error(`server did not start within 30 s:\n${output}`)), 30_000);
		const fail = (error: Error) => {
			clearTimeout(timer);
			clearInterval(poll);
			child.kill('SIGKILL');
			reject(error);
		};
		const poll = setInterval(() => {
			const url = output.match(/Listening on (http:\/\/[^\s]+)/)?.[1];
			if (url) {
				clearTimeout(timer);
				clearInterval(poll);
				resolve({ url, pid: child.pid!, output: () => output, stop: () => stop(child) });
			} else if (child.exitCode !== null) {
				fail(new Error(`server exited with ${child.exitCode}:\n${output}`));
			}
		}, 25);
	});
}

function stop(child: ChildProcess): Promise<void> {
	return stopChild(child);
}
