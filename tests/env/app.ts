// The app of the environment-variable tests, written into a throwaway folder under tests/apps/ (so the
// copied node_modules links resolve): .env files with a secret and a public value, a page and an endpoint
// that read process.env on the server, a client island that reads import.meta.env in the browser.
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from '../helpers/app.js';

/** Never to be seen outside the server: not in a client chunk, not in a page. */
export const SECRET = 's3cret-from-dotenv-4f1c9a';
export const PUBLIC = 'hello-public-7a2c';

const FILES: Record<string, string> = {
	'package.json': JSON.stringify({ name: 'test-app-env', private: true, type: 'module' }),
	'vite.config.ts': "import { defineConfig } from 'vite';\nimport { mochi } from 'mochi-framework/vite';\n\nexport default defineConfig({ plugins: [mochi()] });\n",
	'.env': `ENV_TEST_SECRET=${SECRET}\nVITE_ENV_TEST_PUBLIC=${PUBLIC}\nENV_TEST_BOTH=from-file\nENV_TEST_MODE=base\n`,
	'.env.development': 'ENV_TEST_MODE=development-file\n',
	'.env.production': 'ENV_TEST_MODE=production-file\n',
	'.env.local': 'ENV_TEST_LOCAL=local-file\n',
	'src/routes/index.svelte': `<script lang="ts">
	import Public from '$lib/Public.svelte';
	// Server code: reads the secret, and shows only that it has it.
	const secret = process.env.ENV_TEST_SECRET;
	const server = import.meta.env.ENV_TEST_SECRET;
</script>

<p id="server">secret: {secret ? 'set' : 'unset'} ({secret?.length ?? 0} chars); import.meta.env: {String(server)}</p>
<Public mochi:hydrate />
`,
	'src/routes/built.svelte': `<script module lang="ts">
	export const prerender = true;
</script>

<p id="built">mode value at build: {process.env.ENV_TEST_MODE}; secret {process.env.ENV_TEST_SECRET ? 'set' : 'unset'}</p>
`,
	'src/routes/api/env.ts': `export function GET(): Response {
	const env = process.env;
	return Response.json({
		secretLength: env.ENV_TEST_SECRET?.length ?? 0,
		both: env.ENV_TEST_BOTH ?? null,
		mode: env.ENV_TEST_MODE ?? null,
		local: env.ENV_TEST_LOCAL ?? null,
		nodeEnv: env.NODE_ENV ?? null
	});
}
`,
	'src/lib/Public.svelte': `<script lang="ts">
	let clicks = $state(0);
	// In the browser only VITE_ values exist; a secret read here must be undefined.
	const shown = [import.meta.env.VITE_ENV_TEST_PUBLIC, String(import.meta.env.ENV_TEST_SECRET)].join(' / ');
</script>

<button id="public" onclick={() => clicks++}>{shown} ({clicks})</button>
`
};

/** Writes the app; returns its root. */
export function writeEnvApp(): string {
	const root = fs.mkdtempSync(path.join(REPO, 'tests/apps/.env-'));
	fs.cpSync(path.join(REPO, 'tests/apps/basic/node_modules'), path.join(root, 'node_modules'), { recursive: true, verbatimSymlinks: true });
	for (const [file, text] of Object.entries(FILES)) {
		fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
		fs.writeFileSync(path.join(root, file), text);
	}
	return root;
}

/** Every file under `dir`, as [relative path, text]. */
export function readTree(dir: string): Array<[string, string]> {
	return (fs.readdirSync(dir, { recursive: true }) as string[])
		.filter((file) => fs.statSync(path.join(dir, file)).isFile())
		.map((file) => [file, fs.readFileSync(path.join(dir, file)).toString('latin1')]);
}
