import fs from 'node:fs';
import path from 'node:path';

/** Where an app's hooks live: `src/hooks.server.ts` or `src/hooks.server.js`. */
export const HOOKS_FILES = ['src/hooks.server.ts', 'src/hooks.server.js'];

/** The app's hooks file, relative to `root`, or null. Both at once is an error: which one runs would be a guess. */
export function findHooksFile(root: string): string | null {
	const found = HOOKS_FILES.filter((file) => fs.statSync(path.join(root, file), { throwIfNoEntry: false })?.isFile());
	if (found.length > 1) throw new Error(`${found.join(' and ')} both exist: keep one of them (Mochi would not know which hooks to run).`);
	return found[0] ?? null;
}
