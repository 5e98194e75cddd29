// The `mochi` command: argument parsing only; the work lives in build/ and node/.
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';

const USAGE = `Usage: mochi <command> [options]

Commands:
  dev          start the dev server (Vite) with on-demand rendering and HMR
  build        build the app into build/ (client assets, server bundle, prerendered pages)
  start        serve build/ in production (same as \`node build\`)
  create-key   print a new MOCHI_KEY (base64url of 32 random bytes)

Options:
  --port <n>   port to listen on (dev: 5173, start: $PORT or 3000)
  --host <h>   host to listen on (start: $HOST or 0.0.0.0)
  -h, --help   show this help
  -v, --version`;

async function main(argv: string[]): Promise<void> {
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			port: { type: 'string' },
			host: { type: 'string' },
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
			await runServer({ dir: 'build', port, host: values.host });
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

function parsePort(value: string): number {
	const port = Number(value);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535, got "${value}"`);
	return port;
}

function version(): string {
	return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
}

main(process.argv.slice(2)).catch((error: unknown) => {
	if (error instanceof UsageError || (error as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')) {
		console.error(`mochi: ${(error as Error).message}\n\n${USAGE}`);
	} else {
		console.error(`mochi: ${(error as Error)?.stack ?? error}`);
	}
	process.exit(1);
});
