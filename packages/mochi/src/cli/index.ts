// The `mochi` command: argument parsing only; the work lives in build/ and node/.
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';

const USAGE = `Usage: mochi <command> [options]

Commands:
  dev          start the dev server (Vite) with on-demand rendering and HMR
  build        build the app into build/ (client assets, server bundle, prerendered pages)
  start        serve build/ in production (same as \`node build\`)
  check        type-check the app with svelte-check, islands included
  create-key   print a new MOCHI_KEY (base64url of 32 random bytes)

Options:
  --port <n>   port to listen on (dev: $PORT or 5173, start: $PORT or 3000)
  --host <h>   host to listen on (dev: localhost, start: $HOST or 0.0.0.0)
  --workers <n>  start: worker processes sharing the port ($MOCHI_WORKERS or 1)
  --tsconfig <file>  check: the tsconfig to use (default tsconfig.json)
  --threshold <t>  check: "error" leaves warnings out (default "warning")
  --fail-on-warnings  check: warnings fail the check too
  -h, --help   show this help
  -v, --version`;

async function main(argv: string[]): Promise<void> {
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			port: { type: 'string' },
			host: { type: 'string' },
			workers: { type: 'string' },
			tsconfig: { type: 'string' },
			threshold: { type: 'string' },
			'fail-on-warnings': { type: 'boolean' },
			help: { type: 'boolean', short: 'h' },
			version: { type: 'boolean', short: 'v' }
		}
	});
	const [command, ...rest] = positionals;
	if (values.version) return void console.log(version());
	if (values.help || !command) return void console.log(USAGE);
	if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
	const port = values.port === undefined ? undefined : parsePort(values.port);
	const root = process.cwd();

	switch (command) {
		case 'dev': {
			const { startDevServer } = await import('../core/dev-server.js');
			await startDevServer({ root, port, host: values.host });
			return;
		}
		case 'build': {
			const { buildApp } = await import('../core/build-app.js');
			const started = Date.now();
			await buildApp({ root });
			console.log(`mochi build: done in ${((Date.now() - started) / 1000).toFixed(1)} s. Start it with \`node build\`.`);
			return;
		}
		case 'start': {
			const { runServer } = await import('../node/serve-build.js');
			await runServer({ dir: 'build', port, host: values.host, workers: await parseWorkersFlag(values.workers) });
			return;
		}
		case 'check': {
			const { checkApp } = await import('../core/check/index.js');
			const threshold = values.threshold;
			if (threshold !== undefined && threshold !== 'error' && threshold !== 'warning') {
				throw new UsageError(`--threshold must be "error" or "warning", got "${threshold}"`);
			}
			const result = await checkApp({ root, tsconfig: values.tsconfig, threshold, failOnWarnings: values['fail-on-warnings'] });
			if (!result.ok) process.exitCode = 1;
			return;
		}
		case 'create-key': {
			const { createKey } = await import('../runtime/server/islands/key.js');
			console.log(createKey());
			return;
		}
		default:
			throw new UsageError(`unknown command "${command}"`);
	}
}

class UsageError extends Error {}

/** Rolldown's "Build failed with N errors" (each with its frame), or one plugin error with its place. */
function isBuildError(error: unknown): boolean {
	const fields = error as { errors?: unknown; frame?: unknown; plugin?: unknown } | null;
	return error instanceof Error && (Array.isArray(fields?.errors) || typeof fields?.frame === 'string' || typeof fields?.plugin === 'string');
}

function parsePort(value: string): number {
	const port = Number(value);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535, got "${value}"`);
	return port;
}

/** `--workers` absent: runServer reads MOCHI_WORKERS. */
async function parseWorkersFlag(value: string | undefined): Promise<number | undefined> {
	if (value === undefined) return undefined;
	const { parseWorkers } = await import('../node/env.js');
	try {
		return parseWorkers(value, '--workers');
	} catch (error) {
		throw new UsageError((error as Error).message);
	}
}

function version(): string {
	return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
}

main(process.argv.slice(2)).catch((error: unknown) => {
	if (error instanceof UsageError || (error as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')) {
		console.error(`mochi: ${(error as Error).message}\n\n${USAGE}`);
	} else if ((error as Error)?.name === 'ConfigError' || (error as Error)?.name === 'PrerenderError' || isBuildError(error)) {
		// A setting the user gave (PORT, a taken port) says what to change; a build error says where
		// (file:line:col, code frame), a page that cannot be prerendered names its file and params. Neither is helped by a stack of the framework's or the bundler's frames.
		console.error(`mochi: ${(error as Error).message}`);
	} else {
		console.error(`mochi: ${(error as Error)?.stack ?? error}`);
	}
	process.exit(1);
});
