// mochi:env — `.env` files into `process.env` wherever Vite runs the app: `mochi dev`, `mochi build` (whose
// prerendering runs server code) and vitest. Vite itself reads them only for `import.meta.env`, and there
// only the `VITE_` (envPrefix) ones, which is all that ever reaches the browser; this puts every value
// in `process.env` for server code, so `process.env.DATABASE_URL` reads the same in dev as in production.
// The real environment wins over the files, as with Vite. `node build` reads the real environment only.
import { loadEnv, type Plugin } from 'vite';

// The keys the files set, so a reload (Vite restarts the dev server when a .env file changes) takes the
// edited values, and drops removed ones, without ever touching what the real environment set. process.env
// is the process's: two apps started in one process (tests) share it, the later one's files winning.
const fromFiles = new Set<string>();

export function envPlugin(): Plugin {
	return {
		name: 'mochi:env',
		configResolved(config) {
			if (config.envDir !== false) loadEnvFiles(config.mode, config.envDir);
		}
	};
}

/** `.env`, `.env.local`, `.env.[mode]`, `.env.[mode].local` in `dir` into process.env; returns the keys set. */
export function loadEnvFiles(mode: string, dir: string): string[] {
	for (const key of fromFiles) delete process.env[key];
	fromFiles.clear();
	// With prefix '' loadEnv gives every file value, and every process.env value over them.
	for (const [key, value] of Object.entries(loadEnv(mode, dir, ''))) {
		// NODE_ENV is Vite's to decide (a file's goes to VITE_USER_NODE_ENV), as mochi build's is production.
		if (process.env[key] !== undefined || key === 'NODE_ENV') continue;
		process.env[key] = value;
		fromFiles.add(key);
	}
	return [...fromFiles];
}
